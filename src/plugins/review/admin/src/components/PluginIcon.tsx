import { Check } from '@strapi/icons';

export const PluginIcon = () => <Check />;
