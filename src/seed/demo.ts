import type { Core } from '@strapi/strapi';

export type SeedSummary = Record<string, number>;

/**
 * Loads the demo province. The domain content types are added in a later
 * step; until then the demo app has no content beyond the demo admin.
 */
export async function seedDemo(_strapi: Core.Strapi): Promise<SeedSummary> {
  return {};
}
