import adminReview from './admin-review';
import notifications from './notifications';
import officer from './officer';
import records from './records';

export default { 'admin-review': adminReview, notifications, officer, records };
