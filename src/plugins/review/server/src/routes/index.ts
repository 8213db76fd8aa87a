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
      reviewer('/queue/options', 'GET', 'queueOptions'),
      reviewer('/initiatives/:documentId/assessments', 'PUT', 'assess', ['plugin::review.review', 'plugin::review.assess']),
      reviewer('/initiatives/:documentId/decisions', 'POST', 'decide', ['plugin::review.review', 'plugin::review.decide']),
      reviewer('/batch-decisions', 'GET', 'listDecisions', ['plugin::review.decide-batch']),
      reviewer('/batch-candidates', 'GET', 'batchCandidates', ['plugin::review.decide-batch']),
      reviewer('/batch-decisions', 'POST', 'batch', ['plugin::review.decide-batch']),
      reviewer('/batch-decisions/:id', 'GET', 'findDecision', ['plugin::review.decide-batch']),
      reviewer('/batch-decisions/:id/amendments', 'POST', 'amendDecision', ['plugin::review.decide-batch']),
      // Provincial staff digitising past years: registrations on a unit's behalf, paper outcomes.
      {
        method: 'POST',
        path: '/records/initiatives',
        handler: 'records.register',
        config: { policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: ['plugin::review.record'] } }] },
      },
      {
        method: 'POST',
        path: '/records/initiatives/:documentId/outcome',
        handler: 'records.outcome',
        config: { policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: ['plugin::review.record'] } }] },
      },
      // Every admin user's own inbox and preferences; dead letters need the notification-management permission.
      ...[
        ['/notifications', 'GET', 'adminInbox'],
        ['/notifications/unread', 'GET', 'adminUnread'],
        ['/notifications/read', 'POST', 'adminMarkRead'],
        ['/notifications/preferences', 'GET', 'adminPreferences'],
        ['/notifications/preferences', 'PUT', 'adminSetPreferences'],
      ].map(([path, method, handler]) => ({ method, path, handler: `notifications.${handler}`, config: { policies: ['admin::isAuthenticatedAdmin'] } })),
      {
        method: 'GET',
        path: '/notifications/dead-letters',
        handler: 'notifications.deadLetters',
        config: { policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: ['plugin::review.manage-notifications'] } }] },
      },
      {
        method: 'POST',
        path: '/notifications/dead-letters/:id/retry',
        handler: 'notifications.retryDeadLetter',
        config: { policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: ['plugin::review.manage-notifications'] } }] },
      },
      // Reviewers in scope, or admins allowed to read every unit's evidence: checked in the handler.
      {
        method: 'GET',
        path: '/initiatives/:documentId/evidence/:fileId',
        handler: 'admin-review.downloadEvidence',
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  },
  'content-api': {
    type: 'content-api' as const,
    routes: [
      officer('/me', 'GET', 'me'),
      officer('/replication-sources', 'GET', 'replicationSources'),
      officer('/initiatives', 'GET', 'find'),
      officer('/initiatives', 'POST', 'create'),
      officer('/initiatives/:documentId', 'GET', 'findOne'),
      officer('/initiatives/:documentId', 'PUT', 'update'),
      officer('/evidence-policy', 'GET', 'evidencePolicy'),
      officer('/initiatives/:documentId/evidence', 'POST', 'uploadEvidence'),
      officer('/initiatives/:documentId/evidence/:fileId', 'GET', 'downloadEvidence'),
      officer('/initiatives/:documentId/evidence/:fileId', 'DELETE', 'removeEvidence'),
      officer('/initiatives/:documentId/images/:slot', 'POST', 'uploadImage'),
      officer('/initiatives/:documentId/images/:fileId', 'DELETE', 'removeImage'),
      officer('/initiatives/:documentId/submit', 'POST', 'submit'),
      officer('/initiatives/:documentId/withdraw', 'POST', 'withdraw'),
      officer('/initiatives/:documentId/history', 'GET', 'history'),
      ...[
        ['/notifications', 'GET', 'inbox'],
        ['/notifications/unread', 'GET', 'unread'],
        ['/notifications/read', 'POST', 'markRead'],
        ['/notifications/preferences', 'GET', 'preferences'],
        ['/notifications/preferences', 'PUT', 'setPreferences'],
      ].map(([path, method, handler]) => ({ method, path: `/officer${path}`, handler: `notifications.${handler}` })),
    ],
  },
};
