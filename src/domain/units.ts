/**
 * The unit tree as it stands today, with history: units are dissolved
 * (validTo) and merged into a successor. Pure functions over a graph loaded
 * once (a province has at most a few thousand units), so statistics can roll
 * old units up into their successors without rewriting history.
 */

export type UnitNode = {
  id: number;
  documentId: string;
  name: string;
  code: string | null;
  kindCode: string | null;
  parentId: number | null;
  successorId: number | null;
  validFrom: string | null;
  validTo: string | null;
};

export type UnitGraph = {
  nodes: Map<number, UnitNode>;
  /** Direct children by the stored parent link (dissolved parents included). */
  childrenOf: Map<number, number[]>;
  /** Units that were merged into a unit, by the stored successor link. */
  predecessorsOf: Map<number, number[]>;
};

type Validity = { validFrom: string | null; validTo: string | null };

/** ISO date (YYYY-MM-DD) of a Date or date-like string. */
const isoDate = (value: string | Date): string => (typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10));

/** Whether the unit existed on the given day. */
export function isUnitValidOn(unit: Validity, day: string | Date): boolean {
  const date = isoDate(day);
  return (!unit.validFrom || isoDate(unit.validFrom) <= date) && (!unit.validTo || isoDate(unit.validTo) >= date);
}

/** Whether the unit existed at some point of the given year. */
export function isUnitValidInYear(unit: Validity, year: number): boolean {
  return (!unit.validFrom || isoDate(unit.validFrom) <= `${year}-12-31`) && (!unit.validTo || isoDate(unit.validTo) >= `${year}-01-01`);
}

export function buildUnitGraph(units: UnitNode[]): UnitGraph {
  const nodes = new Map(units.map((unit) => [unit.id, unit]));
  const childrenOf = new Map<number, number[]>();
  const predecessorsOf = new Map<number, number[]>();
  const push = (map: Map<number, number[]>, key: number, value: number) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const unit of units) {
    if (unit.parentId !== null && nodes.has(unit.parentId)) push(childrenOf, unit.parentId, unit.id);
    if (unit.successorId !== null && nodes.has(unit.successorId)) push(predecessorsOf, unit.successorId, unit.id);
  }
  return { nodes, childrenOf, predecessorsOf };
}

/** The unit that carries a dissolved unit's history today: follow successor links to the end. */
export function currentSuccessor(graph: UnitGraph, id: number): number {
  const seen = new Set<number>();
  let current = id;
  for (;;) {
    const successor = graph.nodes.get(current)?.successorId ?? null;
    if (successor === null || !graph.nodes.has(successor) || seen.has(successor)) return current;
    seen.add(current);
    current = successor;
  }
}

/** The parent in today's tree: a dissolved parent is replaced by its current successor. */
export function effectiveParent(graph: UnitGraph, id: number): number | null {
  const current = currentSuccessor(graph, id);
  const parent = graph.nodes.get(current)?.parentId ?? null;
  if (parent === null || !graph.nodes.has(parent)) return null;
  const resolved = currentSuccessor(graph, parent);
  return resolved === current ? null : resolved;
}

/** Ancestors of a unit in today's tree, nearest first. */
export function ancestors(graph: UnitGraph, id: number): number[] {
  const result: number[] = [];
  const seen = new Set<number>([currentSuccessor(graph, id)]);
  let parent = effectiveParent(graph, id);
  while (parent !== null && !seen.has(parent)) {
    result.push(parent);
    seen.add(parent);
    parent = effectiveParent(graph, parent);
  }
  return result;
}

/**
 * Every unit whose history belongs to the subtree of `id` today: its
 * descendants, and every unit (with its own subtree) that was merged into any
 * of them. Includes `id` itself.
 */
export function subtree(graph: UnitGraph, id: number): Set<number> {
  const result = new Set<number>();
  const stack = [id];
  while (stack.length > 0) {
    const current = stack.pop() as number;
    if (result.has(current) || !graph.nodes.has(current)) continue;
    result.add(current);
    stack.push(...(graph.childrenOf.get(current) ?? []), ...(graph.predecessorsOf.get(current) ?? []));
  }
  return result;
}

/** Every unit below `id` today, merged units included (not `id` itself). */
export const descendants = (graph: UnitGraph, id: number): number[] => [...subtree(graph, id)].filter((unitId) => unitId !== id);

/** Units that existed on the given day. */
export function unitsAsOf(graph: UnitGraph, day: string | Date): UnitNode[] {
  return [...graph.nodes.values()].filter((unit) => isUnitValidOn(unit, day));
}

/**
 * The unit under which `id`'s figures are counted when breaking a scope down
 * by its direct children today: walks up today's tree from the unit's current
 * successor until the parent is the scope. Returns null when `id` is outside
 * the scope, and the scope itself for the scope's own figures.
 */
export function rollUpTo(graph: UnitGraph, id: number, scopeId: number | null): number | null {
  const current = currentSuccessor(graph, id);
  if (scopeId !== null && current === scopeId) return scopeId;
  const chain = [current, ...ancestors(graph, current)];
  if (scopeId === null) return chain[chain.length - 1];
  const index = chain.indexOf(scopeId);
  return index > 0 ? chain[index - 1] : null;
}

/** Units at the top of today's tree (not merged away, no current parent). */
export function roots(graph: UnitGraph): number[] {
  return [...graph.nodes.values()]
    .filter((unit) => unit.successorId === null && effectiveParent(graph, unit.id) === null)
    .map((unit) => unit.id);
}

/** A span of whole years, e.g. 2020–2022 for a term report. */
export type YearRange = { from: number; to: number };

const isUnitValidInRange = (unit: Validity, { from, to }: YearRange) =>
  (!unit.validFrom || isoDate(unit.validFrom) <= `${to}-12-31`) && (!unit.validTo || isoDate(unit.validTo) >= `${from}-01-01`);

/** Whether `id` was merged into `targetId`, directly or through later mergers. */
function mergesInto(graph: UnitGraph, id: number, targetId: number): boolean {
  const seen = new Set<number>([id]);
  let current = graph.nodes.get(id)?.successorId ?? null;
  while (current !== null && !seen.has(current)) {
    if (current === targetId) return true;
    seen.add(current);
    current = graph.nodes.get(current)?.successorId ?? null;
  }
  return false;
}

/** Units at the top of the tree as it was in the years: valid then, with no parent valid then. */
export function rootsInRange(graph: UnitGraph, range: YearRange): number[] {
  return [...graph.nodes.values()]
    .filter((unit) => isUnitValidInRange(unit, range))
    .filter((unit) => {
      const parent = unit.parentId !== null ? graph.nodes.get(unit.parentId) : undefined;
      return !parent || !isUnitValidInRange(parent, range);
    })
    .map((unit) => unit.id);
}

/**
 * The unit under which `id`'s figures of a past period are counted when
 * breaking a scope down, walking the tree as it was recorded then (stored
 * parent links, which a reorganisation does not rewrite): the scope's child
 * on the owner's path, or the unit on that path that was later merged into
 * the scope (a dissolved commune under today's commune that absorbed it).
 * The scope itself for its own figures; with no scope, the top of the path.
 * Falls back to today's tree (`rollUpTo`) for history recorded otherwise.
 */
export function rollUpAsRecorded(graph: UnitGraph, id: number, scopeId: number | null): number | null {
  const path: number[] = [];
  const seen = new Set<number>();
  for (let current: number | null = id; current !== null && graph.nodes.has(current) && !seen.has(current); current = graph.nodes.get(current)?.parentId ?? null) {
    seen.add(current);
    path.push(current);
  }
  if (scopeId === null) return path.length > 0 ? path[path.length - 1] : null;
  for (const [index, unit] of path.entries()) {
    if (unit === scopeId) return index === 0 ? scopeId : path[index - 1];
    if (mergesInto(graph, unit, scopeId)) return unit;
  }
  return rollUpTo(graph, id, scopeId);
}
