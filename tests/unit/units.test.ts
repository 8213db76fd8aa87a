import {
  ancestors,
  buildUnitGraph,
  currentSuccessor,
  descendants,
  effectiveParent,
  isUnitValidInYear,
  isUnitValidOn,
  rollUpAsRecorded,
  rollUpTo,
  roots,
  rootsInRange,
  subtree,
  unitsAsOf,
  type UnitNode,
} from '../../src/domain/units';

/**
 * A province before and after the 2025 reform: districts dissolved into the
 * province, two old communes merged into one new commune, another old
 * commune merged into a second new commune.
 */
const unit = (id: number, name: string, extra: Partial<UnitNode> = {}): UnitNode => ({
  id,
  documentId: `doc-${id}`,
  name,
  code: null,
  kindCode: null,
  parentId: null,
  successorId: null,
  validFrom: null,
  validTo: null,
  ...extra,
});

const DISSOLVED = { validTo: '2025-06-30' };
const NEW = { validFrom: '2025-07-01' };
const graph = buildUnitGraph([
  unit(1, 'Tỉnh Sơn Hà'),
  unit(2, 'Huyện Bắc', { parentId: 1, successorId: 1, ...DISSOLVED }),
  unit(3, 'Xã An', { parentId: 2, successorId: 6, ...DISSOLVED }),
  unit(4, 'Xã Bình', { parentId: 2, successorId: 6, ...DISSOLVED }),
  unit(5, 'Xã Cường', { parentId: 2, successorId: 7, ...DISSOLVED }),
  unit(6, 'Xã An Bình', { parentId: 1, ...NEW }),
  unit(7, 'Xã Cường Thịnh', { parentId: 1, ...NEW }),
  unit(8, 'Hội Phụ nữ tỉnh', { parentId: 1 }),
  unit(9, 'Chi hội ấp 3', { parentId: 4, successorId: 10, ...DISSOLVED }),
  unit(10, 'Chi hội An Bình', { parentId: 6, ...NEW }),
]);

describe('unit validity', () => {
  it('is valid between validFrom and validTo inclusive', () => {
    const merged = { validFrom: '2010-01-01', validTo: '2025-06-30' };
    expect(isUnitValidOn(merged, '2025-06-30')).toBe(true);
    expect(isUnitValidOn(merged, '2025-07-01')).toBe(false);
    expect(isUnitValidOn(merged, '2009-12-31')).toBe(false);
    expect(isUnitValidOn({ validFrom: null, validTo: null }, new Date('2030-01-01'))).toBe(true);
  });

  it('is valid in a year when it existed on any day of it', () => {
    expect(isUnitValidInYear({ validFrom: null, validTo: '2025-06-30' }, 2025)).toBe(true);
    expect(isUnitValidInYear({ validFrom: null, validTo: '2025-06-30' }, 2026)).toBe(false);
    expect(isUnitValidInYear({ validFrom: '2025-07-01', validTo: null }, 2024)).toBe(false);
  });

  it('lists the units as of a date', () => {
    expect(unitsAsOf(graph, '2024-01-01').map((u) => u.id)).toEqual([1, 2, 3, 4, 5, 8, 9]);
    expect(unitsAsOf(graph, '2025-08-01').map((u) => u.id)).toEqual([1, 6, 7, 8, 10]);
  });
});

describe('unit tree with history', () => {
  it('follows merger links to the current successor', () => {
    expect(currentSuccessor(graph, 3)).toBe(6);
    expect(currentSuccessor(graph, 9)).toBe(10);
    expect(currentSuccessor(graph, 2)).toBe(1);
    expect(currentSuccessor(graph, 8)).toBe(8);
  });

  it("replaces a dissolved parent by its successor in today's tree", () => {
    expect(effectiveParent(graph, 6)).toBe(1);
    expect(effectiveParent(graph, 3)).toBe(1);
    expect(effectiveParent(graph, 1)).toBeNull();
    expect(ancestors(graph, 9)).toEqual([6, 1]);
    expect(ancestors(graph, 10)).toEqual([6, 1]);
  });

  it("includes merged units and their children in a unit's subtree", () => {
    expect([...subtree(graph, 6)].sort((a, b) => a - b)).toEqual([3, 4, 6, 9, 10]);
    expect([...subtree(graph, 7)].sort((a, b) => a - b)).toEqual([5, 7]);
    expect(descendants(graph, 1).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("rolls a unit up to the scope's child that carries its history today", () => {
    expect(rollUpTo(graph, 3, 1)).toBe(6);
    expect(rollUpTo(graph, 9, 1)).toBe(6);
    expect(rollUpTo(graph, 5, 1)).toBe(7);
    expect(rollUpTo(graph, 2, 1)).toBe(1);
    expect(rollUpTo(graph, 9, 6)).toBe(10);
    expect(rollUpTo(graph, 8, 6)).toBeNull();
    expect(rollUpTo(graph, 9, null)).toBe(1);
  });

  it('finds the top of the tree', () => {
    expect(roots(graph)).toEqual([1]);
  });

  it('does not loop on a cycle of successor links', () => {
    const cyclic = buildUnitGraph([unit(1, 'A', { successorId: 2 }), unit(2, 'B', { successorId: 1 })]);
    expect([1, 2]).toContain(currentSuccessor(cyclic, 1));
  });
});

describe('the tree as it was in a period', () => {
  it('has the top units valid in the years', () => {
    expect(rootsInRange(graph, { from: 2023, to: 2023 })).toEqual([1]);
    const twoProvinces = buildUnitGraph([unit(1, 'Tỉnh Sơn Hà'), unit(20, 'Tỉnh Hòa Bình', { successorId: 1, ...DISSOLVED }), unit(21, 'Huyện Lạc Sơn', { parentId: 20, ...DISSOLVED })]);
    expect(rootsInRange(twoProvinces, { from: 2020, to: 2022 })).toEqual([1, 20]);
    expect(rootsInRange(twoProvinces, { from: 2026, to: 2026 })).toEqual([1]);
  });

  it("counts an owner under the scope's child of the time, or under the unit later merged into the scope", () => {
    // A chapter of a dissolved commune, within the province: under the district of the time.
    expect(rollUpAsRecorded(graph, 9, 1)).toBe(2);
    // Within today's commune: under the old commune merged into it.
    expect(rollUpAsRecorded(graph, 9, 6)).toBe(4);
    expect(rollUpAsRecorded(graph, 3, 6)).toBe(3);
    // Within the dissolved district: under its commune of the time.
    expect(rollUpAsRecorded(graph, 9, 2)).toBe(4);
    // The scope's own figures, a unit outside the scope, and the top of the path without a scope.
    expect(rollUpAsRecorded(graph, 6, 6)).toBe(6);
    expect(rollUpAsRecorded(graph, 8, 6)).toBeNull();
    expect(rollUpAsRecorded(graph, 9, null)).toBe(1);
  });
});
