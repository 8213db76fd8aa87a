import { factories } from '@strapi/strapi';

import { loadUnitGraph } from '../../../domain/unit-graph';
import { ancestors, currentSuccessor, isUnitValidOn, subtree, unitsAsOf, type UnitNode } from '../../../domain/units';

/**
 * The unit tree as today's structure, for other modules (the review plugin,
 * the public API): every answer follows dissolved units to their successors.
 */
export default factories.createCoreService('api::unit.unit', ({ strapi }) => ({
  async graph() {
    return loadUnitGraph(strapi);
  },

  /** Ids of the unit and every unit below it today, merged units included. */
  async subtreeIds(unitId: number): Promise<number[]> {
    return [...subtree(await loadUnitGraph(strapi), unitId)];
  },

  /** Strict ancestors of a unit in today's tree, nearest first. */
  async ancestorsOf(unitId: number): Promise<UnitNode[]> {
    const graph = await loadUnitGraph(strapi);
    return ancestors(graph, unitId).flatMap((id) => graph.nodes.get(id) ?? []);
  },

  async currentSuccessorOf(unitId: number): Promise<UnitNode | null> {
    const graph = await loadUnitGraph(strapi);
    return graph.nodes.get(currentSuccessor(graph, unitId)) ?? null;
  },

  async unitsAsOf(day: string | Date): Promise<UnitNode[]> {
    return unitsAsOf(await loadUnitGraph(strapi), day);
  },

  async isValidOn(unitId: number, day: string | Date): Promise<boolean> {
    const unit = (await loadUnitGraph(strapi)).nodes.get(unitId);
    return unit ? isUnitValidOn(unit, day) : false;
  },
}));
