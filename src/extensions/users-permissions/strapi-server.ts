/**
 * Unit officers are users-permissions users linked to the unit they act for.
 */
type PluginWithUser = {
  contentTypes: { user: { schema: { attributes: Record<string, unknown> } } };
};

export default (plugin: PluginWithUser) => {
  plugin.contentTypes.user.schema.attributes.unit = {
    type: 'relation',
    relation: 'manyToOne',
    target: 'api::unit.unit',
  };
  return plugin;
};
