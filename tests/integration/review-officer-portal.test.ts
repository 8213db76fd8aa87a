/**
 * What the officers' registration app (/dang-ky/) reads besides the models:
 * the officer's own unit, the periods with their registration windows, the
 * fields and localities the form offers, the recognised models a new one may
 * be replicated from, and changing their own password.
 */
import { buildProvince, createOfficer, createReviewer, register, startAssessRecognise, type Province } from '../helpers/review';
import { startTestApp, type TestApp } from '../helpers/strapi';
import { createApiUser, TEST_PASSWORD, type AdminUser, type ApiUser } from '../helpers/users';

type Me = {
  user: { id: number; email: string };
  unit: { documentId: string; name: string };
  ancestors: Array<{ name: string; kind: string | null }>;
  periods: Array<{ documentId: string; year: number; registration: string; registrationStart: string | null; registrationEnd: string | null }>;
  fields: Array<{ documentId: string; name: string }>;
  localityUnits: Array<{ documentId: string; name: string }>;
};
type Source = { documentId: string; title: string; ownerUnit: string | null; year: number | null; recognitionLevel: string | null };

describe('officer portal endpoints', () => {
  let app: TestApp;
  let province: Province;
  let villageOfficer: ApiUser;
  let communeOfficer: ApiUser;
  let communeReviewer: AdminUser;

  beforeAll(async () => {
    app = await startTestApp();
    province = await buildProvince(app);
    villageOfficer = await createOfficer(app, province.villages[0]);
    communeOfficer = await createOfficer(app, province.C1);
    communeReviewer = await createReviewer(app, province.C1);
  });

  afterAll(async () => {
    await app?.stop();
  });

  describe('GET /api/review/officer/me', () => {
    it("returns the officer's unit, every period with its registration window, the fields and the localities below the unit", async () => {
      const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      await app.strapi.documents('api::period.period').update({
        documentId: province.threeTier.documentId,
        data: { registrationStart: day(-60), registrationEnd: day(-30) } as never,
      });
      await app.strapi.documents('api::period.period').update({
        documentId: province.twoTier.documentId,
        data: { registrationStart: day(-1), registrationEnd: day(30) } as never,
      });
      const res = await communeOfficer.client.get('/api/review/officer/me');
      expect(res.status).toBe(200);
      const me = res.body.data as Me;
      expect(me.user.email).toBe(communeOfficer.email);
      expect(me.unit).toEqual({ documentId: province.C1.documentId, name: 'Xã An Phú' });
      expect(me.ancestors).toEqual([
        { name: 'Huyện Bắc Sơn', kind: 'district' },
        { name: 'Tỉnh Sơn Hà', kind: 'province' },
      ]);
      expect(me.periods.map((period) => [period.year, period.registration])).toEqual([
        [2025, 'open'],
        [2023, 'closed'],
      ]);
      expect(me.periods[1].registrationEnd).toBe(day(-30));
      expect(me.fields).toEqual([{ documentId: province.field.documentId, name: 'Kinh tế', code: 'economy' }]);
      // The commune and its three villages, never the other commune's.
      expect(me.localityUnits.map((unit) => unit.name).sort()).toEqual(['Thôn 1', 'Thôn 2', 'Thôn 3', 'Xã An Phú']);

      await app.strapi.documents('api::period.period').update({
        documentId: province.twoTier.documentId,
        data: { registrationStart: day(5), registrationEnd: day(30) } as never,
      });
      const later = (await communeOfficer.client.get('/api/review/officer/me')).body.data as Me;
      expect(later.periods[0].registration).toBe('not_open');
      await app.strapi.documents('api::period.period').update({
        documentId: province.twoTier.documentId,
        data: { registrationStart: null, registrationEnd: null } as never,
      });
      await app.strapi.documents('api::period.period').update({
        documentId: province.threeTier.documentId,
        data: { registrationStart: null, registrationEnd: null } as never,
      });
    });

    it('offers a village officer only their own unit as locality', async () => {
      const me = (await villageOfficer.client.get('/api/review/officer/me')).body.data as Me;
      expect(me.unit.name).toBe('Thôn 1');
      expect(me.localityUnits.map((unit) => unit.name)).toEqual(['Thôn 1']);
    });

    it('refuses an anonymous caller, and a signed-in user who is no unit officer', async () => {
      expect((await app.http().get('/api/review/officer/me')).status).toBe(403);
      const plain = await createApiUser(app);
      expect((await plain.client.get('/api/review/officer/me')).status).toBe(403);
      const noUnit = await createApiUser(app, { role: 'officer' });
      const res = await noUnit.client.get('/api/review/officer/me');
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe('Tài khoản chưa được gán đơn vị.');
    });
  });

  describe('GET /api/review/officer/replication-sources', () => {
    let recognised: { documentId: string };
    let pending: { documentId: string };

    beforeAll(async () => {
      const model = await register(villageOfficer, province, province.twoTier, 'Đường làng sáng, xanh, sạch đẹp');
      recognised = model;
      await startAssessRecognise(communeReviewer.client, model);
      pending = await register(villageOfficer, province, province.twoTier, 'Đường làng chưa công nhận');
    });

    it('finds recognised models without diacritics, with their unit, year and level, and never unrecognised ones', async () => {
      const res = await communeOfficer.client.get('/api/review/officer/replication-sources?q=duong%20lang');
      expect(res.status).toBe(200);
      const sources = res.body.data as Source[];
      expect(sources).toEqual([
        { documentId: recognised.documentId, title: 'Đường làng sáng, xanh, sạch đẹp', ownerUnit: 'Thôn 1', year: 2025, recognitionLevel: 'Cấp xã' },
      ]);
      expect(sources.some((source) => source.documentId === pending.documentId)).toBe(false);
      const none = await communeOfficer.client.get('/api/review/officer/replication-sources?q=khong%20co%20mo%20hinh%20nay');
      expect(none.body.data).toEqual([]);
    });

    it('lets an officer register a model replicated from the source found', async () => {
      const res = await communeOfficer.client
        .post('/api/review/officer/initiatives')
        .send({ title: 'Nhân rộng đường làng', origin: 'replicated', replicatedFrom: recognised.documentId });
      expect(res.status).toBe(201);
      expect(res.body.data.replicatedFrom.title).toBe('Đường làng sáng, xanh, sạch đẹp');
    });

    it('refuses an unknown query parameter and an anonymous caller', async () => {
      const bad = await communeOfficer.client.get('/api/review/officer/replication-sources?populate=*');
      expect(bad.status).toBe(400);
      expect((await app.http().get('/api/review/officer/replication-sources?q=duong')).status).toBe(403);
    });
  });

  describe('POST /api/auth/change-password', () => {
    it('lets an officer change their own password, checking the current one', async () => {
      const officer = await createOfficer(app, province.villages[1]);
      const wrong = await officer.client
        .post('/api/auth/change-password')
        .send({ currentPassword: 'Sai@12345', password: 'Moi@123456', passwordConfirmation: 'Moi@123456' });
      expect(wrong.status).toBe(400);
      const changed = await officer.client
        .post('/api/auth/change-password')
        .send({ currentPassword: TEST_PASSWORD, password: 'Moi@123456', passwordConfirmation: 'Moi@123456' });
      expect(changed.status).toBe(200);
      const login = await app.http().post('/api/auth/local').send({ identifier: officer.email, password: 'Moi@123456' });
      expect(login.status).toBe(200);
      expect((await app.http().post('/api/auth/local').send({ identifier: officer.email, password: TEST_PASSWORD })).status).toBe(400);
    });
  });

  describe('officer role upgrade', () => {
    it('adds the portal permissions once to an officer role created before them, and keeps a later removal', async () => {
      const strapi = app.strapi;
      const role = (await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'officer' } })) as { id: number };
      const permissions = strapi.db.query('plugin::users-permissions.permission');
      const actions = async () =>
        ((await permissions.findMany({ where: { role: { id: role.id } }, select: ['action'] })) as Array<{ action: string }>).map((row) => row.action);
      expect(await actions()).toEqual(expect.arrayContaining(['plugin::review.officer.me', 'plugin::users-permissions.auth.changePassword']));

      // An installation from before: the permission is missing and the upgrade not yet recorded.
      await permissions.deleteMany({ where: { role: { id: role.id }, action: 'plugin::review.officer.me' } });
      const store = strapi.store({ type: 'plugin', name: 'review', key: 'officer-upgrades' });
      await store.set({ value: [] });
      await strapi.plugin('review').service('setup').ensureRoles();
      expect(await actions()).toContain('plugin::review.officer.me');

      // An administrator removes it afterwards: the next start keeps it removed.
      await permissions.deleteMany({ where: { role: { id: role.id }, action: 'plugin::review.officer.me' } });
      await strapi.plugin('review').service('setup').ensureRoles();
      expect(await actions()).not.toContain('plugin::review.officer.me');
    });
  });
});
