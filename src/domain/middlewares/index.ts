import type { Core, Modules } from '@strapi/strapi';

import { articleCommentsMiddleware } from './article-comments';
import { criteriaSetRules } from './criteria-set-rules';
import { displayDateMiddleware } from './display-date';
import { initiativeRules } from './initiative-rules';
import { periodRules } from './period-rules';
import { portalCacheMiddleware } from './portal-cache';
import { publishScheduleMiddleware } from './publish-schedule';
import { referenceRules } from './reference-rules';
import { searchTextMiddleware } from './search-text';
import { slugMiddleware } from './slug';
import type { DocumentMiddlewareFactory } from './types';
import { unitRules } from './unit-rules';
import { viewCountMiddleware } from './view-count';

/** In the order they wrap a call: input shaping first, then rules checked on what was stored. */
const FACTORIES: DocumentMiddlewareFactory[] = [
  portalCacheMiddleware,
  articleCommentsMiddleware,
  referenceRules,
  viewCountMiddleware,
  displayDateMiddleware,
  slugMiddleware,
  searchTextMiddleware,
  publishScheduleMiddleware,
  initiativeRules,
  periodRules,
  unitRules,
  criteriaSetRules,
];

export function registerDocumentMiddlewares(strapi: Core.Strapi): void {
  for (const factory of FACTORIES) {
    strapi.documents.use(factory(strapi) as unknown as Modules.Documents.Middleware.Middleware);
  }
}
