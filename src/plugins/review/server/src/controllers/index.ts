import adminReview from './admin-review';
import dashboard from './dashboard';
import officer from './officer';
import records from './records';

export default { 'admin-review': adminReview, dashboard, officer, records };
