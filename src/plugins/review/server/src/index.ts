import routes from './routes';

/**
 * Server side of the review plugin: the workflow engine, criteria checklists,
 * decisions and audit trail of the "Dân vận khéo" review live here.
 */
export default {
  register() {},
  bootstrap() {},
  destroy() {},
  config: {
    default: {},
    validator() {},
  },
  contentTypes: {},
  controllers: {},
  services: {},
  policies: {},
  middlewares: {},
  routes,
};
