/**
 * Public, read-only routes for the provincial news websites. They are
 * purpose-built (explicit DTOs, capped pages) rather than the stock
 * /api/<type> routes, which stay closed to the public role.
 */
export default {
  routes: [
    {
      method: 'GET',
      path: '/portal/health',
      handler: 'portal.health',
      config: { auth: false },
    },
  ],
};
