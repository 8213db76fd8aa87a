const reviewer = (path: string, method: string, handler: string, actions = ['plugin::review.review']) => ({
  method,
  path,
  handler: `admin-review.${handler}`,
  config: {
    policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions } }],
  },
});

const officer = (path: string, method: string, handler: string) => ({
  method,
  path: `/officer${path}`,
  handler: `officer.${handler}`,
});

export default {
  admin: {
    type: 'admin' as const,
    routes: [
      reviewer('/me', 'GET', 'me'),
      reviewer('/queue', 'GET', 'queue'),
      reviewer('/initiatives/:documentId', 'GET', 'findOne'),
      reviewer('/initiatives/:documentId/history', 'GET', 'history'),
      reviewer('/initiatives/:documentId/assessments', 'PUT', 'assess'),
      reviewer('/initiatives/:documentId/decisions', 'POST', 'decide'),
      reviewer('/batch-decisions', 'POST', 'batch', ['plugin::review.decide-batch']),
    ],
  },
  'content-api': {
    type: 'content-api' as const,
    routes: [
      officer('/initiatives', 'GET', 'find'),
      officer('/initiatives', 'POST', 'create'),
      officer('/initiatives/:documentId', 'GET', 'findOne'),
      officer('/initiatives/:documentId', 'PUT', 'update'),
      officer('/initiatives/:documentId/evidence', 'POST', 'uploadEvidence'),
      officer('/initiatives/:documentId/submit', 'POST', 'submit'),
      officer('/initiatives/:documentId/withdraw', 'POST', 'withdraw'),
      officer('/initiatives/:documentId/history', 'GET', 'history'),
    ],
  },
};
