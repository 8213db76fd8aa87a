import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::criteria-set.criteria-set');
