import { factories } from '@strapi/strapi';

// The stock routes stay closed to the public role: readers post through /api/portal, editors moderate in the admin.
export default factories.createCoreRouter('api::comment.comment');
