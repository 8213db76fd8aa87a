import { up as cubeMigration } from '../../database/migrations/2026.12.02T00.00.03.initiative-cube';
import { compareCube, CUBE_TABLE, repairCube } from '../../src/domain/initiative-cube';
import { initiativeStatistics, reviewFunnel } from '../../src/domain/statistics';
import { tableOf } from '../../src/domain/sql';
import { fixtures, type Fixtures } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';

const INITIATIVE = 'api::initiative.initiative';

/**
 * The statistics read a pre-aggregated cube kept in step with every write.
 * Each step below writes in a different way and checks both the figures and
 * that the stored cube equals a live aggregate of the initiatives.
 */
describe('statistics cube: kept exact through every kind of write', () => {
  let app: TestApp;
  let fx: Fixtures;
  const ids: Record<string, number> = {};
  const docs: Record<string, string> = {};

  const expectInStep = async () => {
    const { stored, live } = await compareCube(app.strapi);
    expect(Object.fromEntries(stored)).toEqual(Object.fromEntries(live));
  };
  const stats = () => initiativeStatistics(app.strapi, { year: 2025 });
  const fieldCount = async (code: string | null) => (await stats()).byField.find((field) => field.code === code)?.count ?? 0;

  beforeAll(async () => {
    app = await startTestApp();
    fx = fixtures(app.strapi);
    const province = await fx.unitKind('province', { tier: 1 });
    const commune = await fx.unitKind('commune', { tier: 3 });
    ids.provinceKind = province.id;
    ids.communeKind = commune.id;
    const p = await fx.unit('Tỉnh Sơn Hà', { kind: province.documentId });
    const c1 = await fx.unit('Xã An Bình', { parent: p.documentId, kind: commune.documentId });
    const c2 = await fx.unit('Xã Hòa Lạc', { parent: p.documentId, kind: commune.documentId });
    Object.assign(ids, { p: p.id, c1: c1.id, c2: c2.id });
    Object.assign(docs, { c1: c1.documentId, c2: c2.documentId });
    docs.economy = (await fx.field('economy', { name: 'Kinh tế', order: 1 })).documentId;
    docs.culture = (await fx.field('culture', { name: 'Văn hóa - xã hội', order: 2 })).documentId;
    docs.period = (await fx.period(2025)).documentId;
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('counts initiatives created through the document service, in every state', async () => {
    for (let index = 0; index < 6; index += 1) {
      const doc = await fx.initiative(`Mô hình ${index}`, {
        period: docs.period,
        ownerUnit: index < 4 ? docs.c1 : docs.c2,
        field: index % 2 === 0 ? docs.economy : docs.culture,
        // Returned models are registered and still editable by their unit.
        reviewState: index === 5 ? 'draft' : 'returned',
      });
      docs[`m${index}`] = doc.documentId;
      ids[`m${index}`] = doc.id;
    }
    const result = await stats();
    expect(result.total).toBe(5);
    expect(result.byState).toMatchObject({ returned: 5, draft: 1 });
    expect(result.byUnit.map((unit) => [unit.name, unit.count])).toEqual([
      ['Xã An Bình', 4],
      ['Xã Hòa Lạc', 1],
    ]);
    await expectInStep();
  });

  it('follows an edit of a relation and of a scalar through the document service', async () => {
    expect(await fieldCount('economy')).toBe(3);
    await app.strapi.documents(INITIATIVE).update({ documentId: docs.m1, data: { field: docs.economy, subjectType: 'individual', personName: 'Nguyễn Văn A' } } as never);
    expect(await fieldCount('economy')).toBe(4);
    expect(await fieldCount('culture')).toBe(1);
    expect((await stats()).bySubjectType).toEqual({ collective: 4, individual: 1 });
    await expectInStep();
  });

  it('follows recognition written through the query engine, and the funnel with it', async () => {
    await fx.recognise(docs.m0, ids.communeKind);
    await fx.recognise(docs.m2, ids.provinceKind);
    const result = await stats();
    expect(result.byState).toMatchObject({ returned: 3, recognized: 2, draft: 1 });
    expect(result.byRecognitionLevel.map((level) => [level.code, level.count])).toEqual([
      ['province', 1],
      ['commune', 1],
    ]);
    const funnel = await reviewFunnel(app.strapi, { year: 2025 });
    expect(funnel.registered).toBe(5);
    await expectInStep();
  });

  it('forgets a deleted initiative', async () => {
    await app.strapi.documents(INITIATIVE).delete({ documentId: docs.m3 } as never);
    expect((await stats()).total).toBe(4);
    await expectInStep();
  });

  it('recounts when a field in use is deleted below the document service (its initiatives become unassigned)', async () => {
    // The Content Manager and the document service refuse this (409, tests/integration/domain-rules.test.ts);
    // a maintenance script writing through the query engine still must not leave the cube stale.
    await app.strapi.db.query('api::field.field').delete({ where: { documentId: docs.economy } });
    const result = await stats();
    expect(result.byField.find((field) => field.code === null)).toMatchObject({ count: 4 });
    expect(result.total).toBe(4);
    await expectInStep();
  });

  it('stays exact under concurrent edits of the same initiatives (row locks on PostgreSQL)', async () => {
    const targets = [docs.m1, docs.m4, docs.m5];
    await Promise.all(
      Array.from({ length: 16 }, (_, index) =>
        app.strapi.documents(INITIATIVE).update({
          documentId: targets[index % targets.length],
          data: { ownerUnit: index % 3 === 0 ? docs.c2 : docs.c1, field: index % 2 === 0 ? docs.culture : null },
        } as never)
      )
    );
    await expectInStep();
    expect((await stats()).total).toBe(4);
  });

  it('is repaired from the rows (as at start-up) after writes made outside the application, correcting only what differs', async () => {
    const initiative = tableOf(app.strapi, INITIATIVE);
    await app.strapi.db
      .connection(initiative.name)
      .where({ id: ids.m5 })
      .update({ [initiative.column('reviewState')]: 'submitted' });
    const drifted = await compareCube(app.strapi);
    expect(Object.fromEntries(drifted.stored)).not.toEqual(Object.fromEntries(drifted.live));
    // One model moved from one state to another: in each of the two cubes one row loses it and one gains it.
    expect(await repairCube(app.strapi)).toEqual({ corrected: 4 });
    await expectInStep();
    // A cube already in step is left untouched (a restart writes nothing).
    expect(await repairCube(app.strapi)).toEqual({ corrected: 0 });
    expect((await stats()).total).toBe(5);
  });

  it('repairs without waiting for writers: an open transaction holding a cube row does not block it', async () => {
    const knex = app.strapi.db.connection;
    const [first] = (await knex(CUBE_TABLE).select('*').limit(1)) as Array<Record<string, unknown>>;
    if (app.db === 'postgres') {
      // Another connection's uncommitted write on a cube row (a decision in progress). The start-up recount
      // used to take an EXCLUSIVE table lock, which would wait for this transaction to end.
      const writer = await knex.transaction();
      try {
        await writer(CUBE_TABLE).where(first).update({ n: writer.raw('n') });
        const repaired = await Promise.race([
          repairCube(app.strapi),
          new Promise<'blocked'>((resolve) => {
            setTimeout(() => resolve('blocked'), 15_000).unref();
          }),
        ]);
        expect(repaired).toEqual({ corrected: 0 });
      } finally {
        await writer.rollback();
      }
    } else {
      // SQLite has a single writer: the repair reads in one transaction and writes nothing when in step.
      expect(await repairCube(app.strapi)).toEqual({ corrected: 0 });
    }
    await expectInStep();
  });

  it('is created by an idempotent migration that keeps the counts when run again', async () => {
    const before = await app.strapi.db.connection(CUBE_TABLE).count({ n: '*' });
    await cubeMigration(app.strapi.db.connection);
    expect(await app.strapi.db.connection(CUBE_TABLE).count({ n: '*' })).toEqual(before);
    await expectInStep();
  });

  it('replaces a cube of the shape before the review path, which the start-up repair then refills', async () => {
    const knex = app.strapi.db.connection;
    await knex.schema.dropTable(CUBE_TABLE);
    await knex.schema.createTable(CUBE_TABLE, (table) => {
      for (const column of ['period_id', 'owner_id', 'field_id', 'level_id', 'review_level_id']) table.integer(column).notNullable();
      for (const column of ['subject_type', 'origin', 'review_state']) table.string(column).notNullable();
      table.integer('n').notNullable();
    });
    await cubeMigration(knex);
    expect(await knex.schema.hasColumn(CUBE_TABLE, 'review_path')).toBe(true);
    expect((await repairCube(app.strapi)).corrected).toBeGreaterThan(0);
    await expectInStep();
    expect((await stats()).total).toBe(5);
  });
});
