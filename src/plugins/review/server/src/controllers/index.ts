import adminReview from './admin-review';
import comments from './comments';
import dashboard from './dashboard';
import officer from './officer';
import records from './records';

export default { 'admin-review': adminReview, comments, dashboard, officer, records };
