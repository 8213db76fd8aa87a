import type { Core } from '@strapi/strapi';

import { buildUnitGraph, type UnitGraph, type UnitNode } from './units';

const UID = 'api::unit.unit';
/** Other instances see a unit edit at the latest after this long. */
const MAX_AGE_MS = 60_000;

type UnitRow = {
  id: number;
  documentId: string;
  name: string;
  code: string | null;
  validFrom: string | null;
  validTo: string | null;
  kind: { code: string } | null;
  parent: { id: number } | null;
  successor: { id: number } | null;
};

let cached: { graph: UnitGraph; loadedAt: number } | null = null;

/** Forget the cached graph (called after every unit write on this instance). */
export function invalidateUnitGraph(): void {
  cached = null;
}

/** The whole unit graph, loaded in a handful of queries and cached briefly. */
export async function loadUnitGraph(strapi: Core.Strapi): Promise<UnitGraph> {
  if (cached && Date.now() - cached.loadedAt < MAX_AGE_MS) return cached.graph;
  const rows = (await strapi.db.query(UID).findMany({
    select: ['id', 'documentId', 'name', 'code', 'validFrom', 'validTo'],
    populate: {
      kind: { select: ['code'] },
      parent: { select: ['id'] },
      successor: { select: ['id'] },
    },
  })) as UnitRow[];
  const nodes: UnitNode[] = rows.map((row) => ({
    id: row.id,
    documentId: row.documentId,
    name: row.name,
    code: row.code,
    kindCode: row.kind?.code ?? null,
    parentId: row.parent?.id ?? null,
    successorId: row.successor?.id ?? null,
    validFrom: row.validFrom,
    validTo: row.validTo,
  }));
  const graph = buildUnitGraph(nodes);
  cached = { graph, loadedAt: Date.now() };
  return graph;
}
