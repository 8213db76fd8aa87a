import adminReview from './admin-review';
import officer from './officer';

export default { 'admin-review': adminReview, officer };
