import adminReview from './admin-review';
import imports from './imports';
import officer from './officer';
import records from './records';

export default { 'admin-review': adminReview, imports, officer, records };
