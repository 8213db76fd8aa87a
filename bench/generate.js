#!/usr/bin/env node
/**
 * Bench data generator: a fresh database with 50,000 published articles and
 * 100,000 initiatives.
 *
 *   node bench/generate.js [--db=postgres|sqlite] [--articles=50000] [--initiatives=100000]
 *
 * 1. Drops and recreates the database (PostgreSQL `dvk_bench` through the
 *    `postgres` maintenance database; or bench/.results/bench.db), then boots
 *    Strapi once on it so it creates the schema.
 * 2. Creates the small reference data through the document service, as the
 *    demo seed does (so every rule and component is right): unit kinds, units,
 *    fields, criteria sets and periods from src/seed/data/organisation.ts,
 *    the portal and its sub-site, ~20 categories, ~50 tags; plus six image
 *    rows in `files` (rows only, no file on disk: nothing is written outside
 *    bench/).
 * 3. Bulk-inserts with knex, in transactions of ~1000 rows, the articles
 *    (a draft row and a published row per document, as Strapi 5 draft &
 *    publish stores them), their link rows, a cover per article through the
 *    polymorphic `files_related_mph` table, and the initiatives with their
 *    links. Every table and column name is read from strapi.db.metadata.
 * 4. Verifies through the document service and the portal service, and
 *    ANALYZEs the tables so the planner sees the real sizes.
 *
 * Deterministic text (seeded PRNG); dates are relative to today.
 */
const fs = require('fs');
const path = require('path');

const { createId } = require('@paralleldrive/cuid2');

const common = require('./lib/common');

// ---------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------

const arg = (name, fallback) => {
  const found = process.argv.slice(2).find((value) => value.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
};

const OPTIONS = {
  db: arg('db', process.env.BENCH_DB || 'postgres'),
  articles: Number(arg('articles', process.env.BENCH_ARTICLES || 50000)),
  initiatives: Number(arg('initiatives', process.env.BENCH_INITIATIVES || 100000)),
  batchRows: 1000,
};

const log = (message) => console.log(`[generate] ${message}`);

// ---------------------------------------------------------------------------
// Deterministic randomness
// ---------------------------------------------------------------------------

function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20250701);
const int = (min, max) => min + Math.floor(random() * (max - min + 1));
const pick = (list) => list[Math.floor(random() * list.length)];
const chance = (p) => random() < p;
const pickMany = (list, n) => {
  const copy = [...list];
  const out = [];
  while (out.length < n && copy.length) out.push(copy.splice(Math.floor(random() * copy.length), 1)[0]);
  return out;
};
/** Picks by weight: [[value, weight], ...]. */
const weighted = (pairs) => {
  const total = pairs.reduce((sum, [, weight]) => sum + weight, 0);
  let r = random() * total;
  for (const [value, weight] of pairs) {
    r -= weight;
    if (r < 0) return value;
  }
  return pairs[pairs.length - 1][0];
};

// ---------------------------------------------------------------------------
// Text pools (Vietnamese, invented)
// ---------------------------------------------------------------------------

const PLACES = [
  'xã Tân Lập', 'phường Sơn Hà', 'xã An Thịnh', 'xã Hòa Lạc', 'phường Hồng Phong', 'xã Khuổi Lặng', 'phường Lam Giang',
  'xã Vĩnh Hưng', 'thôn Trại Mới', 'bản Nà Sản', 'khu phố 3', 'tổ dân phố Bắc Thành', 'xã Phú Cường', 'xã Đồng Tâm',
];
const SUBJECTS = [
  'Hội Phụ nữ', 'Đoàn Thanh niên', 'Hội Nông dân', 'Hội Cựu chiến binh', 'Mặt trận Tổ quốc', 'Công an xã', 'Đồn Biên phòng',
  'Chi bộ thôn', 'Ban công tác Mặt trận', 'Trường tiểu học', 'Trạm y tế', 'Hợp tác xã', 'Đảng ủy xã', 'UBND phường',
];
const ACTIONS = [
  'vận động người dân hiến đất mở đường', 'giúp hộ nghèo phát triển kinh tế', 'xây dựng khu dân cư không rác thải nhựa',
  'chuyển đổi số trong giải quyết thủ tục hành chính', 'giữ gìn an ninh trật tự khu dân cư', 'bảo tồn bản sắc văn hóa dân tộc',
  'đưa nông sản lên sàn thương mại điện tử', 'chăm lo người cao tuổi neo đơn', 'xóa nhà tạm, nhà dột nát', 'thắp sáng đường quê',
  'hòa giải mâu thuẫn tại cơ sở', 'xây dựng nông thôn mới kiểu mẫu', 'phòng chống ma túy trong thanh thiếu niên',
  'bảo vệ đường biên, cột mốc', 'tiếp dân và đối thoại trực tiếp', 'trồng cây xanh, chỉnh trang đô thị',
];
const HEADLINES = [
  (p, s, a) => `${s} ${p}: ${a}`,
  (p, s, a) => `Hiệu quả từ mô hình ${a} ở ${p}`,
  (p, s, a) => `${p} ${a}, tạo đồng thuận trong Nhân dân`,
  (p, s, a) => `Dân vận khéo: ${s} ${a}`,
  (p, s, a) => `Nhân rộng cách làm ${a} của ${s} ${p}`,
  (p, s, a) => `Gặp gỡ những người ${a} ở ${p}`,
];
/**
 * One item in 5,000 takes place in a village named nowhere else, so the bench
 * can search a rare word ("phieng lan": ~10 articles, ~20 models).
 */
const RARE_PLACE = 'bản Phiêng Lằn';
const rarePlace = (n, place) => (n % 5000 === 4999 ? RARE_PLACE : place);
/** The words bench/run.js searches: in most texts, and in a few. */
const SEARCHES = { common: 'dân vận khéo', rare: 'Phiêng Lằn' };
const PEOPLE = ['Nguyễn Văn Tùng', 'Lê Thu Hà', 'Trần Minh Khoa', 'Phạm Thị Lan', 'Hoàng Văn Sơn', 'Vũ Thị Hằng', 'Đặng Quốc Bảo', 'Bùi Thị Mai', 'Lò Văn Pản', 'Hà Thị Nguyệt'];
const AGENCIES = ['Ban Tuyên giáo và Dân vận Tỉnh ủy Sơn Hà', 'Báo Sơn Hà', 'Đài Phát thanh - Truyền hình Sơn Hà', 'Cổng thông tin điện tử tỉnh'];
const POSITIONS = ['Trưởng thôn', 'Bí thư chi bộ', 'Chủ tịch Hội Phụ nữ xã', 'Công an viên', 'Người có uy tín trong đồng bào', 'Giáo viên', 'Cựu chiến binh'];

const paragraphPool = (news) => news.ARTICLES.flatMap((article) => article.paragraphs);
const sapoPool = (news) => news.ARTICLES.map((article) => article.sapo);

// ---------------------------------------------------------------------------
// Reference data through the document service
// ---------------------------------------------------------------------------

const EXTRA_CATEGORIES = [
  ['thoi-su', 'Thời sự', 'portal', null],
  ['thoi-su-trong-tinh', 'Trong tỉnh', 'portal', 'thoi-su'],
  ['thoi-su-trong-nuoc', 'Trong nước', 'portal', 'thoi-su'],
  ['tuyen-giao', 'Tuyên giáo', 'portal', null],
  ['hoc-tap-lam-theo-bac', 'Học tập và làm theo Bác', 'portal', 'tuyen-giao'],
  ['bao-ve-nen-tang-tu-tuong', 'Bảo vệ nền tảng tư tưởng', 'portal', 'tuyen-giao'],
  ['dan-toc-ton-giao', 'Dân tộc - Tôn giáo', 'portal', null],
  ['chuyen-doi-so', 'Chuyển đổi số', 'portal', null],
  ['tu-lieu', 'Tư liệu', 'portal', null],
  ['nhan-rong-mo-hinh', 'Nhân rộng mô hình', 'dvk', 'dan-van-kheo'],
  ['dan-van-chinh-quyen', 'Dân vận chính quyền', 'dvk', null],
  ['dan-van-luc-luong-vu-trang', 'Dân vận lực lượng vũ trang', 'dvk', null],
  ['hoi-dap', 'Hỏi - Đáp', 'dvk', null],
];

const EXTRA_TAGS = [
  'Cải cách hành chính', 'Hiến máu tình nguyện', 'Phòng chống ma túy', 'Xóa nhà tạm', 'Người có uy tín', 'Bảo vệ môi trường',
  'Du lịch cộng đồng', 'Sản phẩm OCOP', 'Khuyến học', 'Người cao tuổi', 'Cựu chiến binh', 'Nông dân sản xuất giỏi', 'Hòa giải cơ sở',
  'Dân chủ ở cơ sở', 'Tiếp công dân', 'Đối thoại', 'Giáo dục', 'Y tế cơ sở', 'Bình dân học vụ số', 'Thương mại điện tử',
  'Biển đảo', 'An toàn giao thông', 'Phòng chống thiên tai', 'Nước sạch', 'Điện nông thôn', 'Văn hóa dân tộc', 'Lễ hội',
  'Thể thao quần chúng', 'Khởi nghiệp', 'Doanh nghiệp', 'Công nhân', 'Lao động việc làm', 'Bảo hiểm xã hội', 'Trẻ em',
  'Bình đẳng giới', 'Công an xã', 'Dân quân tự vệ',
];

async function createReferenceData(strapi, { organisation, news }) {
  const docs = (uid) => strapi.documents(uid);
  const kinds = new Map();
  for (const kind of organisation.UNIT_KINDS) kinds.set(kind.code, await docs('api::unit-kind.unit-kind').create({ data: { ...kind } }));
  const units = new Map();
  for (const unit of organisation.UNITS) {
    units.set(
      unit.code,
      await docs('api::unit.unit').create({
        data: {
          code: unit.code,
          name: unit.name,
          shortName: unit.shortName,
          kind: kinds.get(unit.kind).documentId,
          parent: unit.parent ? units.get(unit.parent).documentId : null,
          successor: unit.successor ? units.get(unit.successor).documentId : null,
          validFrom: unit.validFrom ?? null,
          validTo: unit.validTo ?? null,
          note: unit.note ?? null,
        },
      })
    );
  }
  const fields = new Map();
  for (const field of organisation.FIELDS) fields.set(field.code, await docs('api::field.field').create({ data: { ...field, active: true } }));
  const criteriaSets = [];
  for (const set of organisation.CRITERIA_SETS) {
    criteriaSets.push(await docs('api::criteria-set.criteria-set').create({ data: { ...set, criteria: set.criteria.map((c) => ({ ...c })) } }));
  }
  const periods = new Map();
  for (const period of organisation.PERIODS) {
    periods.set(
      period.year,
      await docs('api::period.period').create({
        data: {
          ...period,
          reviewChain: period.reviewChain.map((level) => ({ unitKind: kinds.get(level).documentId })),
          criteriaSets: criteriaSets.map((set) => set.documentId),
        },
      })
    );
  }

  const sites = new Map();
  for (const site of news.SITES) {
    sites.set(
      site.code,
      await docs('api::site.site').create({
        data: {
          code: site.code,
          name: site.name,
          hostnames: site.hostnames,
          description: site.description,
          parent: site.parent ? sites.get(site.parent).documentId : null,
        },
      })
    );
  }
  const categories = new Map();
  const categorySite = new Map();
  const allCategories = [
    ...news.CATEGORIES.map((c) => [c.slug, c.name, c.site, c.parent ?? null, c.description, c.order]),
    ...EXTRA_CATEGORIES.map(([slug, name, site, parent], index) => [slug, name, site, parent, `Chuyên mục ${name}.`, 10 + index]),
  ];
  for (const [slug, name, site, parent, description, order] of allCategories) {
    categories.set(
      slug,
      await docs('api::category.category').create({
        data: { slug, name, description, order, site: sites.get(site).documentId, parent: parent ? categories.get(parent).documentId : null },
      })
    );
    categorySite.set(slug, site);
  }
  const { toSlug } = common.dist('src', 'domain', 'text.js');
  const tags = [];
  for (const name of [...news.TAGS, ...EXTRA_TAGS]) tags.push(await docs('api::tag.tag').create({ data: { name, slug: toSlug(name) } }));

  return { kinds, units, fields, periods, sites, categories, categorySite, tags };
}

// ---------------------------------------------------------------------------
// Bulk insertion helpers
// ---------------------------------------------------------------------------

/** Table/column names of a content type, from Strapi's metadata (never guessed). */
function schemaOf(strapi, uid) {
  const meta = strapi.db.metadata.get(uid);
  const column = (attribute) => {
    const name = meta.attributes[attribute] && meta.attributes[attribute].columnName;
    if (!name) throw new Error(`${uid}.${attribute} has no column`);
    return name;
  };
  const link = (attribute) => {
    const join = meta.attributes[attribute] && meta.attributes[attribute].joinTable;
    if (!join || join.morphColumn) throw new Error(`${uid}.${attribute} has no link table`);
    return {
      table: join.name,
      owner: join.joinColumn.name,
      target: join.inverseJoinColumn.name,
      order: join.orderColumnName || null,
      inverseOrder: join.inverseOrderColumnName || null,
    };
  };
  /** Maps { attribute: value } to { column: value }. */
  const row = (values) => Object.fromEntries(Object.entries(values).map(([attribute, value]) => [column(attribute), value]));
  return { table: meta.tableName, column, link, row };
}

/**
 * The polymorphic media link (files_related_mph): table, file and morph id/type
 * columns from the upload plugin's metadata; the order column from its
 * `orderBy`; the `field` column is implied by Strapi (checked against the table).
 */
async function morphOf(strapi) {
  const join = strapi.db.metadata.get('plugin::upload.file').attributes.related.joinTable;
  const morph = {
    table: join.name,
    file: join.joinColumn.name,
    id: join.morphColumn.idColumn.name,
    type: join.morphColumn.typeColumn.name,
    field: 'field',
    order: Object.keys(join.orderBy || { order: 'asc' })[0],
  };
  const columns = Object.keys(await strapi.db.connection(morph.table).columnInfo());
  for (const key of ['file', 'id', 'type', 'field', 'order']) {
    if (!columns.includes(morph[key])) throw new Error(`${morph.table} has no column ${morph[key]} (columns: ${columns.join(', ')})`);
  }
  return morph;
}

/** SQLite inserts many rows as one compound SELECT, limited to 500 terms: smaller statements there. */
const chunkSize = (size) => (OPTIONS.db === 'sqlite' ? Math.min(size, 200) : size);

async function insertChunks(trx, table, rows, size) {
  const step = chunkSize(size);
  for (let i = 0; i < rows.length; i += step) await trx(table).insert(rows.slice(i, i + step));
}

async function resetSequence(knex, client, table) {
  if (client !== 'postgres') return;
  await knex.raw(`SELECT setval(pg_get_serial_sequence(?, 'id'), coalesce((SELECT max(id) FROM ??), 1))`, [table, table]);
}

async function nextId(knex, table) {
  const [{ max }] = await knex(table).max({ max: 'id' });
  return Number(max || 0) + 1;
}

// ---------------------------------------------------------------------------
// Files (rows only)
// ---------------------------------------------------------------------------

async function insertImages(strapi, knex, client) {
  const file = schemaOf(strapi, 'plugin::upload.file');
  const images = [
    ['hoi-nghi', 'Hội nghị'],
    ['nong-thon', 'Nông thôn mới'],
    ['do-thi', 'Đô thị văn minh'],
    ['vung-cao', 'Vùng cao'],
    ['an-ninh', 'An ninh trật tự'],
    ['bien-gioi', 'Biên giới'],
  ];
  const now = new Date();
  const rows = images.map(([name, label], index) => {
    const hash = `bench_${name.replace(/-/g, '_')}_${(0x1000000 + index * 7919).toString(16)}`;
    const format = (prefix, width, height, size) => ({
      ext: '.jpg',
      url: `/uploads/${prefix}_${hash}.jpg`,
      hash: `${prefix}_${hash}`,
      mime: 'image/jpeg',
      name: `${prefix}_bench-${name}.jpg`,
      path: null,
      size,
      width,
      height,
      sizeInBytes: Math.round(size * 1000),
    });
    return file.row({
      documentId: createId(),
      name: `bench-${name}.jpg`,
      alternativeText: `Ảnh minh họa: ${label}`,
      caption: 'Ảnh minh họa',
      width: 1600,
      height: 900,
      formats: JSON.stringify({
        thumbnail: format('thumbnail', 245, 138, 8.1),
        small: format('small', 500, 281, 28.4),
        medium: format('medium', 750, 422, 55.2),
        large: format('large', 1000, 563, 91.7),
      }),
      hash,
      ext: '.jpg',
      mime: 'image/jpeg',
      size: 182.4,
      url: `/uploads/${hash}.jpg`,
      provider: 'local',
      folderPath: '/',
      createdAt: now,
      updatedAt: now,
      publishedAt: now,
    });
  });
  const ids = [];
  for (const row of rows) {
    const [inserted] = await knex(file.table).insert(row).returning('id');
    ids.push(typeof inserted === 'object' ? inserted.id : inserted);
  }
  await resetSequence(knex, client, file.table);
  return ids;
}

// ---------------------------------------------------------------------------
// Articles
// ---------------------------------------------------------------------------

async function insertArticles(strapi, ref, { news, text, imageIds, client, count, initiativePool }) {
  const knex = strapi.db.connection;
  const A = schemaOf(strapi, 'api::article.article');
  const categoryLink = A.link('category');
  const siteLink = A.link('sites');
  const tagLink = A.link('tags');
  const relatedLink = A.link('relatedArticles');
  const initiativeLink = A.link('relatedInitiatives');
  const morph = await morphOf(strapi);

  const paragraphs = paragraphPool(news);
  const sapos = sapoPool(news);
  const portal = ref.sites.get('portal').id;
  const dvk = ref.sites.get('dvk').id;
  const portalCategories = [...ref.categories].filter(([slug]) => ref.categorySite.get(slug) === 'portal').map(([, doc]) => doc.id);
  const dvkCategories = [...ref.categories].filter(([slug]) => ref.categorySite.get(slug) === 'dvk').map(([, doc]) => doc.id);
  const tagIds = ref.tags.map((tag) => tag.id);

  const end = Date.now() - 60 * 60 * 1000;
  const span = 2 * 365 * 24 * 60 * 60 * 1000;
  let id = await nextId(knex, A.table);
  const perBatch = Math.max(1, Math.floor(OPTIONS.batchRows / 2));
  /** [draftId, publishedId] of documents already written, for related articles. */
  const written = [];
  let featured = 0;
  const started = Date.now();

  for (let first = 0; first < count; first += perBatch) {
    const articles = [];
    const categories = [];
    const sites = [];
    const tags = [];
    const covers = [];
    const related = [];
    const relatedInitiatives = [];
    for (let n = first; n < Math.min(count, first + perBatch); n += 1) {
      const place = rarePlace(n, pick(PLACES));
      const subject = pick(SUBJECTS);
      const action = pick(ACTIONS);
      const title = `${pick(HEADLINES)(place, subject, action)}`.replace(/^./, (c) => c.toUpperCase());
      const slug = `${text.toSlug(title, 100)}-${(n + 1).toString(36)}`;
      const sapo = pick(sapos);
      const chosen = pickMany(paragraphs, int(3, 5));
      const body = [chosen[0], `## ${subject} ${place}`, ...chosen.slice(1), `> Nguồn: ${pick(AGENCIES)}`].join('\n\n');
      const authorName = pick(PEOPLE);
      const sourceAgency = pick(AGENCIES);
      const displayAt = new Date(end - Math.floor(random() * span));
      const publishedAt = new Date(displayAt.getTime() + int(0, 3600) * 1000);
      const createdAt = new Date(displayAt.getTime() - int(600, 86400) * 1000);
      const isFeatured = chance(0.02);
      if (isFeatured) featured += 1;
      const onDvk = chance(0.3);
      const category = onDvk ? pick(dvkCategories) : pick(portalCategories);
      const siteIds = onDvk ? (chance(0.5) ? [portal, dvk] : [dvk]) : [portal];
      const articleTags = pickMany(tagIds, int(1, 3));
      const cover = pick(imageIds);
      const documentId = createId();
      const values = {
        documentId,
        title,
        slug,
        sapo,
        body,
        coverCaption: `${subject} tại ${place}.`,
        coverCredit: `Ảnh: ${pick(PEOPLE)}`,
        authorName,
        authorTitle: null,
        sourceAgency,
        featured: isFeatured,
        pinnedUntil: null,
        displayAt,
        viewCount: int(0, 5000),
        searchText: text.buildSearchText([title, sapo, authorName, sourceAgency], [body]),
        searchTitle: text.normalizeForSearch(title),
        searchLead: text.normalizeForSearch(sapo),
        createdAt,
        updatedAt: publishedAt,
        locale: null,
      };
      const draftId = id;
      const publishedId = id + 1;
      id += 2;
      articles.push(A.row({ id: draftId, ...values, publishedAt: null }), A.row({ id: publishedId, ...values, publishedAt }));
      const relatedTargets = written.length > 10 && chance(0.2) ? pickMany(written.slice(-2000), int(1, 2)) : [];
      const initiativeTargets = initiativePool.length && chance(0.1) ? [pick(initiativePool)] : [];
      for (const [rowId, status] of [
        [draftId, 0],
        [publishedId, 1],
      ]) {
        categories.push({ [categoryLink.owner]: rowId, [categoryLink.target]: category });
        siteIds.forEach((site, index) => sites.push({ [siteLink.owner]: rowId, [siteLink.target]: site, [siteLink.order]: index + 1 }));
        articleTags.forEach((tag, index) => tags.push({ [tagLink.owner]: rowId, [tagLink.target]: tag, [tagLink.order]: index + 1 }));
        covers.push({ [morph.file]: cover, [morph.id]: rowId, [morph.type]: 'api::article.article', [morph.field]: 'cover', [morph.order]: 1 });
        relatedTargets.forEach((target, index) =>
          related.push({ [relatedLink.owner]: rowId, [relatedLink.target]: target[status], [relatedLink.order]: index + 1 })
        );
        initiativeTargets.forEach((target, index) =>
          relatedInitiatives.push({
            [initiativeLink.owner]: rowId,
            [initiativeLink.target]: target,
            [initiativeLink.order]: index + 1,
            [initiativeLink.inverseOrder]: 1,
          })
        );
      }
      written.push([draftId, publishedId]);
    }
    await knex.transaction(async (trx) => {
      await insertChunks(trx, A.table, articles, OPTIONS.batchRows);
      await insertChunks(trx, categoryLink.table, categories, OPTIONS.batchRows);
      await insertChunks(trx, siteLink.table, sites, OPTIONS.batchRows);
      await insertChunks(trx, tagLink.table, tags, OPTIONS.batchRows);
      await insertChunks(trx, morph.table, covers, OPTIONS.batchRows);
      await insertChunks(trx, relatedLink.table, related, OPTIONS.batchRows);
      await insertChunks(trx, initiativeLink.table, relatedInitiatives, OPTIONS.batchRows);
    });
    const done = Math.min(count, first + perBatch);
    if (done % 10000 === 0 || done === count) log(`articles ${done}/${count} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  await resetSequence(knex, client, A.table);
  return { featured };
}

// ---------------------------------------------------------------------------
// Initiatives
// ---------------------------------------------------------------------------

/** Owner units that existed in a period: before the 2025 reorganisation the old communes and districts, after it the new communes. */
function ownersByYear(organisation, ref) {
  const unitsOf = (predicate) => organisation.UNITS.filter(predicate).map((unit) => ({ ...unit, id: ref.units.get(unit.code).id }));
  const provincial = (year) =>
    unitsOf(
      (unit) =>
        !['province', 'district', 'commune'].includes(unit.kind) &&
        (!unit.validTo || unit.validTo >= `${year}-12-31`) &&
        (!unit.validFrom || unit.validFrom <= `${year}-12-31`)
    );
  const before = {
    communes: unitsOf((unit) => unit.kind === 'commune' && Boolean(unit.validTo)),
    districts: unitsOf((unit) => unit.kind === 'district'),
  };
  const after = { communes: unitsOf((unit) => unit.kind === 'commune' && Boolean(unit.validFrom)), districts: [] };
  return new Map(
    organisation.PERIODS.map((period) => [period.year, { ...(period.year >= 2025 ? after : before), provincial: provincial(period.year), chain: period.reviewChain }])
  );
}

async function insertInitiatives(strapi, ref, { organisation, news, text, imageIds, client, count }) {
  const knex = strapi.db.connection;
  const I = schemaOf(strapi, 'api::initiative.initiative');
  const links = {
    field: I.link('field'),
    ownerUnit: I.link('ownerUnit'),
    localityUnit: I.link('localityUnit'),
    period: I.link('period'),
    reviewLevel: I.link('reviewLevel'),
    recognitionLevel: I.link('recognitionLevel'),
  };
  const morph = await morphOf(strapi);
  const paragraphs = paragraphPool(news);
  const owners = ownersByYear(organisation, ref);
  const years = organisation.PERIODS.map((period) => period.year);
  const kindId = (code) => ref.kinds.get(code).id;
  const fieldIds = [...ref.fields.values()].map((doc) => doc.id);

  let id = await nextId(knex, I.table);
  const recognised = [];
  const states = {};
  const started = Date.now();

  for (let first = 0; first < count; first += OPTIONS.batchRows) {
    const rows = [];
    const linkRows = Object.fromEntries(Object.keys(links).map((key) => [key, []]));
    const covers = [];
    for (let n = first; n < Math.min(count, first + OPTIONS.batchRows); n += 1) {
      const year = years[n % years.length];
      const scope = owners.get(year);
      const ownerKind = weighted([
        ['commune', 70],
        ['district', scope.districts.length ? 10 : 0],
        ['provincial', 20],
      ]);
      const owner = ownerKind === 'commune' ? pick(scope.communes) : ownerKind === 'district' ? pick(scope.districts) : pick(scope.provincial);
      const chain = scope.chain;
      // A model enters at the level above its owner: a commune's at the next level, anything else at the province.
      const entry = ownerKind === 'commune' ? Math.min(chain.length - 1, chain.indexOf('commune') + 1) : chain.length - 1;
      const levels = chain.slice(entry);

      const state = weighted([
        ['recognized', 27],
        ['proposed', 6],
        ['draft', 10],
        ['submitted', 14],
        ['under_review', 14],
        ['returned', 7],
        ['not_recognized', 14],
        ['withdrawn', 8],
      ]);
      let reviewLevel = null;
      let recognitionLevel = null;
      if (state === 'recognized') {
        reviewLevel = pick(levels);
        recognitionLevel = reviewLevel;
      } else if (state === 'proposed') {
        // Recognised at one level and proposed to the next (or recognised at the top and proposed nowhere further).
        const at = levels.length > 1 ? int(0, levels.length - 2) : 0;
        recognitionLevel = levels[at];
        reviewLevel = levels[Math.min(levels.length - 1, at + 1)];
      } else if (state !== 'draft') {
        reviewLevel = levels[0];
      }
      states[state] = (states[state] || 0) + 1;

      const place = rarePlace(n, pick(PLACES));
      const action = pick(ACTIONS);
      const individual = chance(0.15);
      const personName = individual ? pick(PEOPLE) : null;
      const title = individual
        ? `${personName} - ${pick(POSITIONS).toLowerCase()} ${place} ${action}`
        : `Mô hình ${action} ở ${place}`;
      const slug = `${text.toSlug(title, 100)}-${year}-${(n + 1).toString(36)}`;
      const summary = `${pick(SUBJECTS)} ${place} ${action}. ${pick(paragraphs).slice(0, 300)}`;
      const content = `## Cách làm\n\n1. ${pick(paragraphs)}\n2. ${pick(paragraphs)}\n\n## Ý nghĩa\n\n${summary}`;
      const results = `${pick(paragraphs)}\n\n- **Hộ tham gia:** ${int(20, 900)} hộ\n- **Kinh phí huy động:** ${int(10, 5000)} triệu đồng`;
      const createdAt = new Date(Date.UTC(year, int(1, 6), int(1, 28), int(1, 10)));
      const recognizedAt = recognitionLevel ? new Date(Date.UTC(year, int(8, 11), int(1, 28), 2)) : null;
      const version = state === 'draft' ? 0 : state === 'submitted' ? 1 : int(2, 6);
      const rowId = id;
      id += 1;
      rows.push(
        I.row({
          id: rowId,
          documentId: createId(),
          title,
          slug,
          summary,
          content,
          results,
          subjectType: individual ? 'individual' : 'collective',
          personName,
          personPosition: individual ? pick(POSITIONS) : null,
          origin: chance(0.2) ? 'replicated' : 'new',
          reviewState: state,
          // The levels entered, in order (what the review funnel reads): up to the current one.
          reviewPath: reviewLevel ? levels.slice(0, levels.indexOf(reviewLevel) + 1).map(kindId).join(',') : null,
          recognizedAt,
          version,
          searchText: text.buildSearchText([title, summary, personName], [content, results]),
          createdAt,
          updatedAt: recognizedAt || createdAt,
          publishedAt: createdAt,
          locale: null,
        })
      );
      const linkTo = (key, target) => target && linkRows[key].push({ [links[key].owner]: rowId, [links[key].target]: target });
      linkTo('field', chance(0.97) ? pick(fieldIds) : null);
      linkTo('ownerUnit', owner.id);
      linkTo('localityUnit', ownerKind === 'commune' ? owner.id : null);
      linkTo('period', ref.periods.get(year).id);
      linkTo('reviewLevel', reviewLevel ? kindId(reviewLevel) : null);
      linkTo('recognitionLevel', recognitionLevel ? kindId(recognitionLevel) : null);
      if (recognitionLevel) {
        covers.push({ [morph.file]: pick(imageIds), [morph.id]: rowId, [morph.type]: 'api::initiative.initiative', [morph.field]: 'cover', [morph.order]: 1 });
        if (state !== 'withdrawn') recognised.push(rowId);
      }
    }
    await knex.transaction(async (trx) => {
      await insertChunks(trx, I.table, rows, OPTIONS.batchRows);
      for (const key of Object.keys(links)) await insertChunks(trx, links[key].table, linkRows[key], OPTIONS.batchRows);
      await insertChunks(trx, morph.table, covers, OPTIONS.batchRows);
    });
    const done = Math.min(count, first + OPTIONS.batchRows);
    if (done % 20000 === 0 || done === count) log(`initiatives ${done}/${count} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  await resetSequence(knex, client, I.table);
  return { recognised, states };
}

// ---------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------

async function verify(strapi, expected) {
  const problems = [];
  const published = await strapi.documents('api::article.article').count({ status: 'published' });
  const drafts = await strapi.documents('api::article.article').count({ status: 'draft' });
  const initiatives = await strapi.documents('api::initiative.initiative').count({});
  if (published !== expected.articles) problems.push(`published articles: ${published}, expected ${expected.articles}`);
  if (drafts !== expected.articles) problems.push(`draft articles: ${drafts}, expected ${expected.articles}`);
  if (initiatives !== expected.initiatives) problems.push(`initiatives: ${initiatives}, expected ${expected.initiatives}`);

  const portal = strapi.service('api::portal.portal');
  const list = await portal.articleList('portal', { page: 1, pageSize: 12 }, (filters) => portal.countArticles(filters));
  const cards = list.data;
  if (cards.length !== 12) problems.push(`portal list returned ${cards.length} cards, expected 12`);
  const bad = cards.filter((card) => !card.cover || !card.cover.url || !card.category || !card.category.slug);
  if (bad.length) problems.push(`${bad.length} cards without cover or category: ${JSON.stringify(bad[0])}`);
  const sorted = cards.every((card, index) => index === 0 || card.displayAt <= cards[index - 1].displayAt);
  if (!sorted) problems.push('cards are not sorted by displayAt desc');
  if (list.meta.pagination.total < expected.articles * 0.8) problems.push(`portal total ${list.meta.pagination.total} looks too small`);

  const detail = await portal.article(cards[0].slug);
  if (!detail || !detail.body || !detail.cover || !detail.tags.length) problems.push(`article detail incomplete: ${JSON.stringify(detail).slice(0, 300)}`);

  const dvk = await portal.articleList('dvk', { page: 1, pageSize: 12, category: 'dan-van-kheo' }, (filters) => portal.countArticles(filters));
  if (dvk.data.length !== 12) problems.push(`dvk category list returned ${dvk.data.length} cards`);

  const { initiativeStatistics } = common.dist('src', 'domain', 'statistics.js');
  const stats = await initiativeStatistics(strapi, { year: 2025 });
  if (!(stats.total > 0) || !stats.byRecognitionLevel.length || !stats.byUnit.length) problems.push(`statistics look empty: ${JSON.stringify(stats).slice(0, 300)}`);

  const directory = await portal.initiativeList({ page: 1, pageSize: 12 }, (filter) => portal.countInitiatives(filter));
  if (directory.data.length !== 12 || !directory.data[0].recognitionLevel) problems.push('initiative directory is empty or has no recognition level');

  const searches = {};
  for (const [name, q] of Object.entries(SEARCHES)) {
    for (const type of ['article', 'initiative']) {
      const found = await portal.search({ q, type, page: 1, pageSize: 10 });
      searches[`${name}:${type}`] = found.meta.pagination.total;
      if (!(found.meta.pagination.total > 0)) problems.push(`search "${q}" (${type}) finds nothing`);
    }
  }

  return {
    problems,
    summary: {
      searchMatches: searches,
      publishedArticles: published,
      draftArticleRows: drafts,
      initiatives,
      portalArticles: list.meta.pagination.total,
      dvkCategoryArticles: dvk.meta.pagination.total,
      publicInitiatives: directory.meta.pagination.total,
      statistics2025: { total: stats.total, previous: stats.previous.total, byRecognitionLevel: stats.byRecognitionLevel.map((l) => `${l.code}:${l.count}`) },
      sampleCard: cards[0],
    },
  };
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

async function analyse(strapi, client) {
  const knex = strapi.db.connection;
  if (client === 'postgres') await knex.raw('VACUUM ANALYZE');
  else await knex.raw('ANALYZE');
}

async function main() {
  const started = Date.now();
  const { db } = OPTIONS;
  if (!['postgres', 'sqlite'].includes(db)) throw new Error(`--db=${db}: use postgres or sqlite`);
  fs.mkdirSync(common.RESULTS_DIR, { recursive: true });
  if (db === 'postgres') {
    log(`recreating database ${common.DB_NAME}`);
    await common.recreateDatabase();
  } else {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${common.dbEnv('sqlite').DATABASE_FILENAME}${suffix}`, { force: true });
  }

  // First boot on the empty database: Strapi creates the schema.
  const strapi = await common.loadStrapi({ ...common.dbEnv(db), PORTAL_CACHE: 'off' });
  try {
    const organisation = common.dist('src', 'seed', 'data', 'organisation.js');
    const news = common.dist('src', 'seed', 'data', 'news.js');
    const text = common.dist('src', 'domain', 'text.js');
    const client = db;

    const ref = await createReferenceData(strapi, { organisation, news });
    log(`reference data: ${ref.units.size} units, ${ref.fields.size} fields, ${ref.periods.size} periods, ${ref.sites.size} sites, ${ref.categories.size} categories, ${ref.tags.length} tags`);
    const imageIds = await insertImages(strapi, strapi.db.connection, client);

    // The review queue's rows (migration …review-queue-index) are rebuilt once after the bulk load, in one
    // statement, as after a restored dump, instead of by their triggers row by row.
    const queueIndex = common.dist('database', 'migrations', '2026.12.02T00.00.05.review-queue-index.js');
    const searchIndex = common.dist('database', 'migrations', '2026.12.02T00.00.04.search-index.js');
    const support = common.dist('src', 'domain', 'schema-migrations-support.js');
    await queueIndex.down(strapi.db.connection);
    const initiatives = await insertInitiatives(strapi, ref, { organisation, news, text, imageIds, client, count: OPTIONS.initiatives });
    const queueStarted = Date.now();
    await searchIndex.ensureRankTable(strapi.db.connection, queueIndex.QUEUE_SOURCE, await support.existingNames(strapi.db.connection));
    log(`review queue rows built in ${Date.now() - queueStarted} ms`);
    log(`initiative states: ${JSON.stringify(initiatives.states)}`);
    const articles = await insertArticles(strapi, ref, {
      news,
      text,
      imageIds,
      client,
      count: OPTIONS.articles,
      initiativePool: initiatives.recognised.slice(-5000),
    });
    log(`articles: ${articles.featured} featured`);

    // The bulk inserts bypass the query engine, so repair the statistics cube as the app does at start-up.
    const cubeStarted = Date.now();
    const { corrected } = await common.dist('src', 'domain', 'initiative-cube.js').repairCube(strapi);
    log(`statistics cube repaired (${corrected} rows corrected) in ${Date.now() - cubeStarted} ms`);
    // Likewise the public versions of the recognised models, which the public search reads.
    const versionsStarted = Date.now();
    const versions = await common.dist('src', 'domain', 'public-version.js').backfillPublicVersions(strapi);
    log(`${versions} public versions taken in ${Date.now() - versionsStarted} ms`);

    log('analysing tables');
    await analyse(strapi, client);

    const { problems, summary } = await verify(strapi, OPTIONS);
    log(`verification: ${JSON.stringify(summary)}`);
    const report = { db, options: OPTIONS, seconds: Math.round((Date.now() - started) / 1000), summary, problems, generatedAt: new Date().toISOString() };
    fs.writeFileSync(path.join(common.RESULTS_DIR, `generate-${db}.json`), `${JSON.stringify(report, null, 2)}\n`);
    if (problems.length) {
      for (const problem of problems) console.error(`[generate] ✖ ${problem}`);
      process.exitCode = 1;
    } else {
      log(`done in ${report.seconds} s`);
    }
  } finally {
    await strapi.destroy();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`[generate] ✖ ${error.stack || error.message}`);
    process.exit(1);
  });
}

module.exports = { OPTIONS, SEARCHES };
