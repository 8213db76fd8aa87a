import adminReview from './admin-review';
import comments from './comments';
import dashboard from './dashboard';
import imports from './imports';
import notifications from './notifications';
import officer from './officer';
import records from './records';
import reports from './reports';

export default { 'admin-review': adminReview, comments, dashboard, imports, notifications, officer, records, reports };
