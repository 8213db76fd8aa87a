export default {
  admin: {
    type: 'admin' as const,
    routes: [],
  },
};
