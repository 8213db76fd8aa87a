import adminReview from './admin-review';
import officer from './officer';
import records from './records';

export default { 'admin-review': adminReview, officer, records };
