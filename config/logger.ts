import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  // error | warn | info | http | verbose | debug
  level: env('LOG_LEVEL', 'http'),
});

export default config;
