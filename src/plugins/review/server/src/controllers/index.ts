import adminReview from './admin-review';
import imports from './imports';
import officer from './officer';
import records from './records';
import reports from './reports';

export default { 'admin-review': adminReview, imports, officer, records, reports };
