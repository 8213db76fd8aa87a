import { compareCube, repairCube } from '../../src/domain/initiative-cube';
import { tableOf } from '../../src/domain/sql';
import { reviewFunnel } from '../../src/domain/statistics';
import {
  buildProvince,
  createOfficer,
  createReviewer,
  mustDecide,
  register,
  startAssessRecognise,
  type Province,
} from '../helpers/review';
import { startTestApp, type TestApp } from '../helpers/strapi';
import type { AdminUser, ApiUser } from '../helpers/users';

type Model = { documentId: string; version: number };

/**
 * A real funnel through HTTP, as in a province's year: 30 registrations in a
 * three-tier period; communes recognise 20 (decline 5, return 5) and propose
 * 12; the district recognises 8 (declines 4) and proposes 6; the province's
 * reviewers assess the 6 and the leadership recognises 4 in one decision.
 * Then the same code runs a two-tier (post-2025) period.
 */
describe('review funnel through HTTP', () => {
  let app: TestApp;
  let province: Province;
  let officers: ApiUser[];
  let reviewers: Record<'c1' | 'c2' | 'd' | 'p' | 'leader', AdminUser>;

  beforeAll(async () => {
    app = await startTestApp();
    province = await buildProvince(app);
    officers = await Promise.all(province.villages.map((village) => createOfficer(app, village)));
    reviewers = {
      c1: await createReviewer(app, province.C1),
      c2: await createReviewer(app, province.C2),
      d: await createReviewer(app, province.D),
      p: await createReviewer(app, province.P),
      leader: await createReviewer(app, province.P, 'dvk-leadership'),
    };
    // Booting and building the province took over 60 s on a loaded 2-core machine.
  }, 300_000);

  afterAll(async () => {
    await app?.stop();
  });

  const stateCounts = async (year: number) => {
    const stats = (await app.strapi.service('api::initiative.initiative').statistics({ year })) as {
      byState: Record<string, number>;
      byRecognitionLevel: Array<{ code: string; count: number }>;
      total: number;
    };
    return stats;
  };

  const events = (documentId: string) =>
    app.strapi.db.query('plugin::review.review-event').findMany({
      where: { initiativeDocumentId: documentId },
      orderBy: { id: 'asc' },
    }) as Promise<Array<{ action: string; fromState: string; toState: string; levelCode: string; actorName: string; reason: string | null; version: number }>>;

  it('runs a three-tier period from 30 registrations to a provincial batch decision', async () => {
    // 30 registrations: 5 per village, villages 1-3 under commune 1, 4-6 under commune 2.
    const models: Model[][] = [];
    for (const [index, officer] of officers.entries()) {
      const mine: Model[] = [];
      for (let n = 0; n < 5; n += 1) mine.push(await register(officer, province, province.threeTier, `Mô hình thôn ${index + 1} số ${n + 1}`));
      models.push(mine);
    }
    const communeOf = (village: number) => (village < 3 ? reviewers.c1 : reviewers.c2);

    // Communes: per village, recognise models 1-3 (18 ... plus 2 more below), decline model 4, return model 5.
    const recognised: Model[] = [];
    const declinedAtCommune: Model[] = [];
    const returned: Model[] = [];
    for (const [village, list] of models.entries()) {
      const reviewer = communeOf(village).client;
      for (const [n, model] of list.entries()) {
        if (n < 3 || (n === 3 && village < 2)) {
          recognised.push({ ...model, ...(await startAssessRecognise(reviewer, model)) });
        } else if (n === 3) {
          const started = await startAssessRecognise(reviewer, model, false);
          declinedAtCommune.push(await mustDecide(reviewer, started, 'decline', 'Trùng với nhiệm vụ chuyên môn thường xuyên'));
        } else {
          const started = await startAssessRecognise(reviewer, model, false);
          returned.push(await mustDecide(reviewer, started, 'return', 'Bổ sung số liệu kết quả'));
        }
      }
    }
    expect([recognised.length, declinedAtCommune.length, returned.length]).toEqual([20, 4, 6]);

    // Communes propose 12 to the district.
    const proposed: Model[] = [];
    for (const model of recognised.slice(0, 12)) {
      const village = officers.findIndex((_, v) => models[v].some((m) => m.documentId === model.documentId));
      proposed.push(await mustDecide(communeOf(village).client, model, 'propose'));
    }

    // District: recognise 8, decline 4; propose 6 of the recognised to the province.
    const atDistrict: Model[] = [];
    for (const [n, model] of proposed.entries()) {
      if (n < 8) atDistrict.push(await startAssessRecognise(reviewers.d.client, model));
      else {
        const started = await startAssessRecognise(reviewers.d.client, model, false);
        await mustDecide(reviewers.d.client, started, 'decline', 'Chưa có sức lan tỏa');
      }
    }
    const toProvince: Model[] = [];
    for (const model of atDistrict.slice(0, 6)) toProvince.push(await mustDecide(reviewers.d.client, model, 'propose'));

    // Province: reviewers assess the 6; the leadership recognises 4 in one decision.
    const assessed: Model[] = [];
    for (const model of toProvince) assessed.push(await startAssessRecognise(reviewers.p.client, model, false));
    const batch = await reviewers.leader.client.post('/review/batch-decisions').send({
      number: '15-QĐ/BDVTU',
      date: '2023-12-20',
      signer: 'Trưởng ban',
      items: assessed.slice(0, 4).map(({ documentId, version }) => ({ documentId, version })),
    });
    expect(batch.status).toBe(201);
    expect(batch.body.data.outcomes).toHaveLength(4);

    // Final counts per state: 8 + 2 + 4 recognised, 4 + 4 not recognised, 6 returned, 2 under review.
    const stats = await stateCounts(2023);
    expect(stats.total).toBe(30);
    expect(stats.byState).toMatchObject({ recognized: 14, not_recognized: 8, returned: 6, under_review: 2, submitted: 0, proposed: 0 });
    expect(stats.byRecognitionLevel.map(({ code, count }) => [code, count])).toEqual([
      ['province', 4],
      ['district', 4],
      ['commune', 12],
    ]);

    // The audit trail shows every step of a model recognised by the province, in order, with the decision.
    const top = assessed[0];
    const trail = await events(top.documentId);
    expect(trail.map((e) => [e.action, e.toState, e.levelCode])).toEqual([
      ['submit', 'submitted', 'commune'],
      ['start_review', 'under_review', 'commune'],
      ['recognize', 'recognized', 'commune'],
      ['propose', 'proposed', 'district'],
      ['start_review', 'under_review', 'district'],
      ['recognize', 'recognized', 'district'],
      ['propose', 'proposed', 'province'],
      ['start_review', 'under_review', 'province'],
      ['recognize', 'recognized', 'province'],
    ]);
    expect(trail.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const decision = (await app.strapi.db.query('plugin::review.decision').findOne({
      where: { number: '15-QĐ/BDVTU' },
      populate: { initiatives: { select: ['documentId'] } },
    })) as { initiatives: Array<{ documentId: string }> };
    expect(decision.initiatives.map((i) => i.documentId).sort()).toEqual(assessed.slice(0, 4).map((m) => m.documentId).sort());

    // A returned model's trail keeps the reason; 30 submissions in all were recorded.
    const returnedTrail = await events(returned[0].documentId);
    expect(returnedTrail[returnedTrail.length - 1]).toMatchObject({ action: 'return', reason: 'Bổ sung số liệu kết quả' });
    const submissions = await app.strapi.db.query('plugin::review.review-event').count({ where: { action: 'submit' } });
    expect(submissions).toBe(30);

    // The funnel per level, every model entering at commune level (village-owned): what each level did.
    const funnel = await reviewFunnel(app.strapi, { year: 2023 });
    expect(funnel.registered).toBe(30);
    expect(funnel.levels.map(({ code, entered, waiting, underReview, recognised, returned, notRecognised, proposedOnward, withdrawn }) => [
      code,
      { entered, waiting, underReview, recognised, returned, notRecognised, proposedOnward, withdrawn },
    ])).toEqual([
      ['commune', { entered: 30, waiting: 0, underReview: 0, recognised: 20, returned: 6, notRecognised: 4, proposedOnward: 12, withdrawn: 0 }],
      ['district', { entered: 12, waiting: 0, underReview: 0, recognised: 8, returned: 0, notRecognised: 4, proposedOnward: 6, withdrawn: 0 }],
      ['province', { entered: 6, waiting: 0, underReview: 2, recognised: 4, returned: 0, notRecognised: 0, proposedOnward: 0, withdrawn: 0 }],
    ]);

    // The statistics cube followed every one of those transitions exactly.
    const { stored, live } = await compareCube(app.strapi);
    expect(stored.size).toBeGreaterThan(0);
    expect(Object.fromEntries(stored)).toEqual(Object.fromEntries(live));

    // Models reviewed before review paths were kept get them back from their audit trail at start-up.
    const initiative = tableOf(app.strapi, 'api::initiative.initiative');
    await app.strapi.db.connection(initiative.name).update({ [initiative.column('reviewPath')]: null });
    await repairCube(app.strapi);
    const setup = app.strapi.plugin('review').service('setup') as { backfillReviewPaths(): Promise<number> };
    expect(await setup.backfillReviewPaths()).toBe(30);
    expect(await reviewFunnel(app.strapi, { year: 2023 })).toEqual(funnel);
    expect(await setup.backfillReviewPaths()).toBe(0);
    const after = await compareCube(app.strapi);
    expect(Object.fromEntries(after.stored)).toEqual(Object.fromEntries(after.live));
    // About 150 HTTP decisions: on a loaded 2-core machine with PostgreSQL this passed 60 s.
  });

  it('runs a two-tier period with the same code and no district step', async () => {
    const officer = officers[0];
    const models: Model[] = [];
    for (let n = 0; n < 4; n += 1) models.push(await register(officer, province, province.twoTier, `Mô hình 2025 số ${n + 1}`));
    const atCommune = [];
    for (const model of models) atCommune.push(await startAssessRecognise(reviewers.c1.client, model));
    const proposed = [];
    for (const model of atCommune.slice(0, 3)) proposed.push(await mustDecide(reviewers.c1.client, model, 'propose'));
    expect(proposed.map((m) => m.level)).toEqual(['province', 'province', 'province']);
    // Provincial reviewers fill the checklist before the meeting; the optional TT4 stays open.
    for (const model of proposed) {
      const assessed = await reviewers.p.client
        .put(`/review/initiatives/${model.documentId}/assessments`)
        .send({ items: [{ code: 'TT1', result: 'met' }, { code: 'TT2', result: 'met' }, { code: 'TT3', result: 'met' }] });
      expect(assessed.status).toBe(200);
    }
    // The batch takes proposed models straight from the proposal (start and recognition recorded together).
    const batch = await reviewers.leader.client.post('/review/batch-decisions').send({
      number: '02-QĐ/BTGDVTU',
      date: '2025-12-15',
      signer: 'Phó Trưởng ban Thường trực',
      items: proposed.map(({ documentId, version }) => ({ documentId, version })),
    });
    expect(batch.status).toBe(201);

    const stats = await stateCounts(2025);
    expect(stats.byState).toMatchObject({ recognized: 4 });
    expect(stats.byRecognitionLevel.map(({ code, count }) => [code, count])).toEqual([
      ['province', 3],
      ['commune', 1],
    ]);
    const trail = await events(proposed[0].documentId);
    expect(trail.map((e) => e.levelCode)).toEqual(['commune', 'commune', 'commune', 'province', 'province', 'province']);
  });
});
