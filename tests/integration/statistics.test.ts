import { initiativeStatistics } from '../../src/domain/statistics';
import { fixtures, type Fixtures } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';

/**
 * A fixture mirroring a province's year-end report, scaled down 1:20:
 * "4,365 models, up 514 on 2022: economy 922, culture-society 1,886,
 * defence-security 1,131, political system 426; 323 effective models
 * replicated" → 2023: economy 46, culture-society 94, defence-security 57,
 * political system 21 (218 in all, 16 replicated); 2022: 40, 83, 50, 19 (192).
 *
 * Units: the 2023 owners were two old communes (merged in 2025 into one new
 * commune), a district (dissolved into the province) and a provincial
 * mass organisation; statistics must count them under today's units.
 */
const PER_FIELD_2023 = { economy: 46, culture: 94, defence: 57, political: 21 };
const PER_FIELD_2022 = { economy: 40, culture: 83, defence: 50, political: 19 };
type FieldCode = keyof typeof PER_FIELD_2023;

describe('statistics helpers (SQL aggregates) against a report-shaped fixture', () => {
  let app: TestApp;
  let fx: Fixtures;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    app = await startTestApp();
    fx = fixtures(app.strapi);

    const province = await fx.unitKind('province', { tier: 1 });
    const district = await fx.unitKind('district', { tier: 2 });
    const commune = await fx.unitKind('commune', { tier: 3 });
    ids.provinceKind = province.id;
    ids.districtKind = district.id;
    ids.communeKind = commune.id;

    const p = await fx.unit('Tỉnh Sơn Hà', { kind: province.documentId });
    const d1 = await fx.unit('Huyện Bắc Sơn', { parent: p.documentId, validTo: '2025-06-30' });
    const c1 = await fx.unit('Xã An Bình', { parent: p.documentId, validFrom: '2025-07-01' });
    const x1 = await fx.unit('Xã An', { parent: d1.documentId, successor: c1.documentId, validTo: '2025-06-30' });
    const x2 = await fx.unit('Xã Bình', { parent: d1.documentId, successor: c1.documentId, validTo: '2025-06-30' });
    const women = await fx.unit('Hội Liên hiệp Phụ nữ tỉnh', { parent: p.documentId });
    await app.strapi.documents('api::unit.unit').update({ documentId: d1.documentId, data: { successor: p.documentId } });
    Object.assign(ids, { p: p.id, d1: d1.id, c1: c1.id, x1: x1.id, x2: x2.id, women: women.id });

    const owners: Record<FieldCode, string> = {
      economy: x1.documentId,
      culture: x2.documentId,
      defence: d1.documentId,
      political: women.documentId,
    };
    const fields: Record<FieldCode, string> = {
      economy: (await fx.field('economy', { name: 'Kinh tế', order: 1 })).documentId,
      culture: (await fx.field('culture-society', { name: 'Văn hóa - xã hội', order: 2 })).documentId,
      defence: (await fx.field('defence-security', { name: 'Quốc phòng - an ninh', order: 3 })).documentId,
      political: (await fx.field('political-system', { name: 'Xây dựng hệ thống chính trị', order: 4 })).documentId,
    };
    const p2022 = await fx.period(2022);
    const p2023 = await fx.period(2023);

    // 2022: all submitted; the first 16 economy models recognised at commune level (sources to replicate).
    const sources: string[] = [];
    for (const code of Object.keys(PER_FIELD_2022) as FieldCode[]) {
      for (let n = 0; n < PER_FIELD_2022[code]; n += 1) {
        const doc = await fx.initiative(`2022 ${code} ${n}`, {
          period: p2022.documentId,
          field: fields[code],
          ownerUnit: owners[code],
          reviewState: 'submitted',
        });
        if (code === 'economy' && n < 16) {
          await fx.recognise(doc.documentId, commune.id);
          sources.push(doc.documentId);
        }
      }
    }

    // 2023: 16 replicated (culture), 10 individual (political); recognised: 20 economy at commune level,
    // 8 culture at district level, 3 defence at province level.
    for (const code of Object.keys(PER_FIELD_2023) as FieldCode[]) {
      for (let n = 0; n < PER_FIELD_2023[code]; n += 1) {
        const replicated = code === 'culture' && n < 16;
        const individual = code === 'political' && n < 10;
        const doc = await fx.initiative(`2023 ${code} ${n}`, {
          period: p2023.documentId,
          field: fields[code],
          ownerUnit: owners[code],
          reviewState: n % 2 === 0 ? 'submitted' : 'under_review',
          ...(replicated ? { origin: 'replicated', replicatedFrom: sources[n] } : {}),
          ...(individual ? { subjectType: 'individual', personName: `Cá nhân ${n}` } : {}),
        });
        if (code === 'economy' && n < 20) await fx.recognise(doc.documentId, commune.id);
        if (code === 'culture' && n >= 86) await fx.recognise(doc.documentId, district.id);
        if (code === 'defence' && n < 3) await fx.recognise(doc.documentId, province.id);
      }
    }

    // Not registrations: drafts and withdrawn models are left out of the totals.
    for (let n = 0; n < 5; n += 1) {
      await fx.initiative(`2023 draft ${n}`, { period: p2023.documentId, field: fields.economy, ownerUnit: owners.economy });
    }
    for (let n = 0; n < 3; n += 1) {
      await fx.initiative(`2023 withdrawn ${n}`, {
        period: p2023.documentId,
        field: fields.economy,
        ownerUnit: owners.economy,
        reviewState: 'withdrawn',
      });
    }
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('gives the province totals by field with growth on the previous year', async () => {
    const stats = await initiativeStatistics(app.strapi, { year: 2023 });
    expect(stats.total).toBe(218);
    expect(stats.previous).toEqual({ year: 2022, from: 2022, to: 2022, total: 192 });
    expect(stats.growth).toEqual({ absolute: 26, percent: 13.5 });
    expect(stats.byField.map(({ code, count, previous, growth }) => ({ code, count, previous, growth }))).toEqual([
      { code: 'economy', count: 46, previous: 40, growth: 6 },
      { code: 'culture-society', count: 94, previous: 83, growth: 11 },
      { code: 'defence-security', count: 57, previous: 50, growth: 7 },
      { code: 'political-system', count: 21, previous: 19, growth: 2 },
    ]);
  });

  it('breaks down by subject type, origin, state and recognition level', async () => {
    const stats = await initiativeStatistics(app.strapi, { year: 2023 });
    expect(stats.bySubjectType).toEqual({ collective: 208, individual: 10 });
    expect(stats.byOrigin).toEqual({ new: 202, replicated: 16, continuing: 0 });
    expect(stats.byRecognitionLevel.map(({ code, count }) => ({ code, count }))).toEqual([
      { code: 'province', count: 3 },
      { code: 'district', count: 8 },
      { code: 'commune', count: 20 },
    ]);
    // Even-numbered models were submitted, odd ones are under review, less the 31 recognised
    // (economy 10 + 10, culture 4 + 4, defence 2 + 1): 94 submitted, 93 under review.
    expect(stats.byState).toEqual({
      draft: 5,
      submitted: 94,
      under_review: 93,
      returned: 0,
      recognized: 31,
      not_recognized: 0,
      proposed: 0,
      withdrawn: 3,
    });
  });

  // Before issue #11 the units were today's (the merged commune, the province that absorbed the district) even
  // for 2023; the breakdown now follows the tree as it was in the year, as the province's reports of that year did.
  it('breaks the province down by its units as they were in the year: the district (with its communes, since merged) and the women\'s union', async () => {
    const stats = await initiativeStatistics(app.strapi, { year: 2023 });
    expect(stats.byUnit.map(({ unitId, count }) => ({ unitId, count }))).toEqual([
      { unitId: ids.d1, count: 197 },
      { unitId: ids.women, count: 21 },
    ]);
  });

  it('adds up a span of years, year by year, with growth on the span before', async () => {
    const stats = await initiativeStatistics(app.strapi, { from: 2022, to: 2023 });
    expect(stats.total).toBe(192 + 218);
    expect(stats.byYear).toEqual([
      { year: 2022, total: 192 },
      { year: 2023, total: 218 },
    ]);
    expect(stats.previous).toEqual({ year: 2021, from: 2020, to: 2021, total: 0 });
    expect(stats.byField.map(({ code, count }) => [code, count])).toEqual([
      ['economy', 86],
      ['culture-society', 177],
      ['defence-security', 107],
      ['political-system', 40],
    ]);
  });

  it("counts a unit subtree, including the units merged into it, for both years", async () => {
    const stats = await initiativeStatistics(app.strapi, { year: 2023, unitId: ids.c1 });
    expect(stats.scope).toEqual({ unitId: ids.c1, name: 'Xã An Bình', kinds: null });
    expect(stats.total).toBe(140);
    expect(stats.previous.total).toBe(123);
    expect(stats.byField.filter((f) => f.count > 0).map(({ code, count }) => ({ code, count }))).toEqual([
      { code: 'economy', count: 46 },
      { code: 'culture-society', count: 94 },
    ]);
    // In 2023 today's commune did not exist yet: its figures are those of the two communes merged into it.
    expect(stats.byUnit.map(({ unitId, count }) => ({ unitId, count }))).toEqual([
      { unitId: ids.x2, count: 94 },
      { unitId: ids.x1, count: 46 },
    ]);

    const women = await initiativeStatistics(app.strapi, { year: 2023, unitId: ids.women });
    expect(women.total).toBe(21);
    expect(women.bySubjectType).toEqual({ collective: 11, individual: 10 });
  });

  it('answers zero for a year with no period', async () => {
    const stats = await initiativeStatistics(app.strapi, { year: 2019 });
    expect(stats.total).toBe(0);
    expect(stats.growth).toEqual({ absolute: 0, percent: null });
  });
});
