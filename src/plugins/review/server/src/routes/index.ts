const reviewer = (path: string, method: string, handler: string, actions = ['plugin::review.review']) => ({
  method,
  path,
  handler: handler.includes('.') ? handler : `admin-review.${handler}`,
  config: {
    policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions } }],
  },
});

/** Moderation of readers' comments: editors (not reviewers) hold the permission. */
const moderator = (path: string, method: string, handler: string) => ({
  method,
  path: `/comments${path}`,
  handler: `comments.${handler}`,
  config: {
    policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: ['plugin::review.moderate-comments'] } }],
  },
});

/** The dashboard and the exports (controllers/dashboard.ts). */
const dashboard = (path: string, handler: string, actions: string[]) => ({
  method: 'GET',
  path,
  handler: `dashboard.${handler}`,
  config: { policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions } }] },
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
      dashboard('/statistics', 'statistics', ['plugin::review.read-statistics']),
      dashboard('/statistics/options', 'statisticsOptions', ['plugin::review.read-statistics']),
      dashboard('/exports/statistics', 'exportStatistics', ['plugin::review.read-statistics']),
      dashboard('/exports/directory', 'exportDirectory', ['plugin::review.read-statistics']),
      dashboard('/exports/queue', 'exportQueue', ['plugin::review.review']),
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
      moderator('', 'GET', 'list'),
      moderator('/moderation', 'POST', 'moderate'),
      moderator('/articles', 'GET', 'articles'),
      moderator('/articles/:documentId/closed', 'PUT', 'setClosed'),
      moderator('/:documentId/replies', 'POST', 'reply'),
      // Registrations imported from XLSX on the units' behalf: the template, a dry run, a commit.
      reviewer('/imports/template', 'GET', 'imports.template', ['plugin::review.record']),
      reviewer('/imports/dry-run', 'POST', 'imports.dryRun', ['plugin::review.record']),
      reviewer('/imports', 'POST', 'imports.commit', ['plugin::review.record']),
      // The year-end report draft: an article in a chosen category, with the statistics workbook.
      reviewer('/reports/options', 'GET', 'reports.options', ['plugin::review.create-report']),
      reviewer('/reports/year-end', 'POST', 'reports.create', ['plugin::review.create-report']),
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
