import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::unit-kind.unit-kind');
