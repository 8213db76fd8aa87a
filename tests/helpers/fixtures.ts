/**
 * Small builders for domain data, written through the document service so
 * every document-service middleware applies, as it does for real users.
 */
import type { Core } from '@strapi/strapi';

type Doc = { id: number; documentId: string; [key: string]: unknown };
type Data = Record<string, unknown>;

const create = async (strapi: Core.Strapi, uid: string, data: Data, extra: Data = {}): Promise<Doc> =>
  (await strapi.documents(uid as 'api::unit.unit').create({ data, ...extra } as never)) as unknown as Doc;

export const fixtures = (strapi: Core.Strapi) => ({
  unitKind: (code: string, data: Data = {}) =>
    create(strapi, 'api::unit-kind.unit-kind', { code, name: code, canReview: true, ...data }),
  /** The three review levels most tests use: province (tier 1), district (2) and commune (3), with their Vietnamese names. */
  threeLevels: async () => ({
    province: await create(strapi, 'api::unit-kind.unit-kind', { code: 'province', name: 'Tỉnh', tier: 1, canReview: true }),
    district: await create(strapi, 'api::unit-kind.unit-kind', { code: 'district', name: 'Cấp huyện', tier: 2, canReview: true }),
    commune: await create(strapi, 'api::unit-kind.unit-kind', { code: 'commune', name: 'Cấp xã', tier: 3, canReview: true }),
  }),
  unit: (name: string, data: Data = {}) => create(strapi, 'api::unit.unit', { name, ...data }),
  /** Province SH, its district SH-H1 and that district's communes SH-X1 and SH-X2, on the three levels. */
  smallProvince: async (kind: { province: Doc; district: Doc; commune: Doc }) => {
    const province = await create(strapi, 'api::unit.unit', { name: 'Tỉnh Sơn Hà', kind: kind.province.documentId, code: 'SH' });
    const district = await create(strapi, 'api::unit.unit', { name: 'Huyện Bắc Sơn', kind: kind.district.documentId, parent: province.documentId, code: 'SH-H1' });
    const communes = [
      await create(strapi, 'api::unit.unit', { name: 'Xã An Phú', kind: kind.commune.documentId, parent: district.documentId, code: 'SH-X1' }),
      await create(strapi, 'api::unit.unit', { name: 'Xã Bình Minh', kind: kind.commune.documentId, parent: district.documentId, code: 'SH-X2' }),
    ];
    return { province, district, communes };
  },
  field: (code: string, data: Data = {}) => create(strapi, 'api::field.field', { code, name: code, ...data }),
  period: (year: number, data: Data = {}) => create(strapi, 'api::period.period', { year, name: `Năm ${year}`, ...data }),
  criteriaSet: (name: string, data: Data = {}) =>
    create(strapi, 'api::criteria-set.criteria-set', { name, subjectType: 'collective', ...data }),
  /**
   * An initiative; a `reviewState` in `data` is set afterwards through the query
   * engine, as only the workflow engine may change it through the document service.
   */
  initiative: async (title: string, { reviewState, ...data }: Data = {}) => {
    const doc = await create(strapi, 'api::initiative.initiative', { title, subjectType: 'collective', origin: 'new', ...data });
    if (reviewState) {
      await strapi.db.query('api::initiative.initiative').update({ where: { id: doc.id }, data: { reviewState } });
      doc.reviewState = reviewState;
    }
    return doc;
  },
  article: (title: string, data: Data = {}, status?: 'published') =>
    create(strapi, 'api::article.article', { title, ...data }, status ? { status } : {}),
  /** Marks an initiative recognised at a level, as the workflow engine will. */
  recognise: async (initiativeDocumentId: string, levelKindId: number, reviewState = 'recognized') => {
    // updateMany writes columns only; update also writes the relation.
    const rows = (await strapi.db
      .query('api::initiative.initiative')
      .findMany({ where: { documentId: initiativeDocumentId }, select: ['id'] })) as Array<{ id: number }>;
    for (const row of rows) {
      await strapi.db.query('api::initiative.initiative').update({
        where: { id: row.id },
        data: { reviewState, recognitionLevel: levelKindId, recognizedAt: new Date() },
      });
    }
  },
});

export type Fixtures = ReturnType<typeof fixtures>;
