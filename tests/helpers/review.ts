/**
 * A province for review tests: unit kinds, units, a period with a review
 * chain and criteria sets, reviewers (admin users linked to units) and unit
 * officers (users-permissions users linked to units), all through the same
 * paths as production code.
 */
import { fixtures } from './fixtures';
import type { TestApp } from './strapi';
import { createAdminUser, createApiUser, type AdminUser, type ApiUser, type AuthedClient } from './users';

export const CRITERIA = [
  { code: 'TT1', text: 'Sáng tạo, tiết kiệm thời gian và chi phí', required: true },
  { code: 'TT2', text: 'Người dân tự giác chấp hành', required: true },
  { code: 'TT3', text: 'Huy động nhiều lực lượng tham gia', required: true },
  { code: 'TT4', text: 'Có khả năng nhân rộng', required: false },
];

export type Province = Awaited<ReturnType<typeof buildProvince>>;

/** Kinds, a small unit tree and two periods: 2023 (commune → district → province) and 2025 (commune → province). */
export async function buildProvince(app: TestApp) {
  const fx = fixtures(app.strapi);
  const kind = {
    province: await fx.unitKind('province', { tier: 1, name: 'Tỉnh' }),
    district: await fx.unitKind('district', { tier: 2, name: 'Cấp huyện' }),
    commune: await fx.unitKind('commune', { tier: 3, name: 'Cấp xã' }),
    village: await fx.unitKind('village', { tier: 4, name: 'Thôn, tổ dân phố', canReview: false }),
  };
  const P = await fx.unit('Tỉnh Sơn Hà', { kind: kind.province.documentId, code: 'SH' });
  const D = await fx.unit('Huyện Bắc Sơn', { kind: kind.district.documentId, parent: P.documentId, code: 'SH-H1' });
  const C1 = await fx.unit('Xã An Phú', { kind: kind.commune.documentId, parent: D.documentId, code: 'SH-X1' });
  const C2 = await fx.unit('Xã Bình Minh', { kind: kind.commune.documentId, parent: D.documentId, code: 'SH-X2' });
  const villages = [];
  for (const [index, commune] of [C1, C1, C1, C2, C2, C2].entries()) {
    villages.push(await fx.unit(`Thôn ${index + 1}`, { kind: kind.village.documentId, parent: commune.documentId, code: `SH-T${index + 1}` }));
  }
  const collective = await fx.criteriaSet('Tiêu chí tập thể (HD 08)', {
    subjectType: 'collective',
    guidelineNumber: '08-HD/BDVTU',
    criteria: CRITERIA,
  });
  const individual = await fx.criteriaSet('Tiêu chí cá nhân (HD 08)', {
    subjectType: 'individual',
    criteria: [{ code: 'CN1', text: 'Gương mẫu chấp hành', required: true }],
  });
  const chain = (...kinds: Array<{ documentId: string }>) => kinds.map((k) => ({ unitKind: k.documentId }));
  const threeTier = await fx.period(2023, {
    reviewChain: chain(kind.commune, kind.district, kind.province),
    criteriaSets: [collective.documentId, individual.documentId],
  });
  const twoTier = await fx.period(2025, {
    reviewChain: chain(kind.commune, kind.province),
    criteriaSets: [collective.documentId, individual.documentId],
  });
  const field = await fx.field('economy', { name: 'Kinh tế' });
  return { kind, P, D, C1, C2, villages, threeTier, twoTier, field, collective };
}

/** An admin user with a review role, acting for a unit. */
export async function createReviewer(
  app: TestApp,
  unit: { id: number },
  role: 'dvk-reviewer' | 'dvk-leadership' = 'dvk-reviewer'
): Promise<AdminUser> {
  const admin = await createAdminUser(app, { roles: [role] });
  await app.strapi.db.query('plugin::review.reviewer').create({ data: { user: admin.id, unit: unit.id, active: true } });
  return admin;
}

/** A unit officer: a users-permissions user with the officer role, linked to a unit. */
export async function createOfficer(app: TestApp, unit: { id: number }): Promise<ApiUser> {
  return createApiUser(app, { role: 'officer', data: { unit: unit.id } });
}

type Json = Record<string, unknown> & { documentId: string; version: number; state?: string };

/** An officer registers a complete model and submits it; returns the submitted model's documentId and version. */
export async function register(
  officer: ApiUser,
  province: Province,
  period: { documentId: string },
  title: string,
  extra: Record<string, unknown> = {}
): Promise<{ documentId: string; version: number }> {
  const created = await officer.client
    .post('/api/review/officer/initiatives')
    .send({ title, summary: `Tóm tắt: ${title}`, field: province.field.documentId, period: period.documentId, ...extra });
  if (created.status !== 201) throw new Error(`create failed ${created.status}: ${JSON.stringify(created.body)}`);
  const submitted = await officer.client
    .post(`/api/review/officer/initiatives/${created.body.data.documentId}/submit`)
    .send({ version: created.body.data.version });
  if (submitted.status !== 200) throw new Error(`submit failed ${submitted.status}: ${JSON.stringify(submitted.body)}`);
  return { documentId: submitted.body.data.documentId, version: submitted.body.data.version };
}

/** A reviewer's decision; returns the raw response. */
export const decide = (client: AuthedClient, documentId: string, body: { action: string; version: number; reason?: string }) =>
  client.post(`/review/initiatives/${documentId}/decisions`).send(body);

/** Starts the review, marks every criterion met, and recognises; fails loudly on any refusal. */
export async function startAssessRecognise(client: AuthedClient, model: { documentId: string; version: number }, recognise = true): Promise<Json> {
  const started = await decide(client, model.documentId, { action: 'start_review', version: model.version });
  if (started.status !== 200) throw new Error(`start failed ${started.status}: ${JSON.stringify(started.body)}`);
  const assessed = await client
    .put(`/review/initiatives/${model.documentId}/assessments`)
    .send({ items: CRITERIA.map((c) => ({ code: c.code, result: 'met', note: 'Đạt' })) });
  if (assessed.status !== 200) throw new Error(`assess failed ${assessed.status}: ${JSON.stringify(assessed.body)}`);
  if (!recognise) return started.body.data as Json;
  const recognised = await decide(client, model.documentId, { action: 'recognize', version: started.body.data.version });
  if (recognised.status !== 200) throw new Error(`recognise failed ${recognised.status}: ${JSON.stringify(recognised.body)}`);
  return recognised.body.data as Json;
}

/** A decision that must succeed; returns the new state/version. */
export async function mustDecide(client: AuthedClient, model: { documentId: string; version: number }, action: string, reason?: string): Promise<Json> {
  const res = await decide(client, model.documentId, { action, version: model.version, reason });
  if (res.status !== 200) throw new Error(`${action} failed ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.data as Json;
}
