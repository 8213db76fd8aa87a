/*
 * Dân vận khéo — trang tin minh họa (demo news page).
 *
 * A reference for the provincial news sites: one page, plain JavaScript, no
 * build step and no framework, rendering everything from the public API
 * (/api/portal, described at /api/portal/openapi.json).
 *
 * Reading order:
 *   1. configuration        — API address, site code (?site=, default "portal")
 *   2. safe HTML            — the `html` template tag escapes every value;
 *                             only the API's sanitised HTML goes in through `trusted()`
 *   3. formatting           — Vietnamese dates, numbers, file sizes
 *   4. API client           — fetch + Vietnamese error messages
 *   5. shared pieces        — cards, images, pagination, breadcrumbs
 *   6. pages                — one async function per route, returning { title, body }
 *   7. router and start-up  — hash routes (#/bai-viet/<slug>, ...), header and navigation
 */
(function () {
  'use strict';

  // ---------------------------------------------------------------------------
  // 1. Configuration
  // ---------------------------------------------------------------------------

  const apiMeta = document.querySelector('meta[name="dvk-api"]');
  /** Absolute URL of the public API, without a trailing slash. */
  const API_BASE = new URL(apiMeta ? apiMeta.content : '/api/portal', window.location.href).href.replace(/\/+$/, '');

  /** Site code from ?site=, validated like the API does; the provincial portal by default. */
  const SITE = (function () {
    const value = new URLSearchParams(window.location.search).get('site');
    return value && /^[A-Za-z0-9][A-Za-z0-9-]{0,59}$/.test(value) ? value : 'portal';
  })();

  const PAGE_SIZE = 10;
  const MODELS_PAGE_SIZE = 12;
  /** How many years the model and statistics filters offer (the API has no list of periods). */
  const YEARS_OFFERED = 5;

  /** Filled at start-up from /sites/:site and /sites/:site/categories. */
  const state = {
    site: null,
    categories: [],
    /** slug → { node, parent } for breadcrumbs and names. */
    categoryIndex: new Map(),
  };

  // ---------------------------------------------------------------------------
  // 2. Safe HTML
  // ---------------------------------------------------------------------------

  /** A string that is already HTML. Only `html` and `trusted` create it. */
  class SafeHtml {
    constructor(value) {
      this.value = value;
    }
    toString() {
      return this.value;
    }
  }

  const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  const escapeHtml = (value) => String(value).replace(/[&<>"']/g, (char) => ENTITIES[char]);

  const toHtml = (value) => {
    if (value instanceof SafeHtml) return value.value;
    if (Array.isArray(value)) return value.map(toHtml).join('');
    if (value === null || value === undefined || value === false) return '';
    return escapeHtml(value);
  };

  /** Template tag: every interpolated value is escaped unless it is SafeHtml; arrays are joined. */
  function html(strings, ...values) {
    let out = strings[0];
    values.forEach((value, index) => {
      out += toHtml(value) + strings[index + 1];
    });
    return new SafeHtml(out);
  }

  /**
   * HTML the API has already sanitised (article `body`, model `content` and
   * `results`). Never pass anything else here.
   */
  const trusted = (value) => new SafeHtml(typeof value === 'string' ? value : '');

  /** An http(s) URL for a file the API returns (often root-relative: "/uploads/..."). */
  function assetUrl(url) {
    if (!url) return '';
    try {
      const resolved = new URL(url, API_BASE);
      return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : '';
    } catch {
      return '';
    }
  }

  /** "#/bai-viet/<slug>" and friends; slugs are encoded even though the API only makes [a-z0-9-]. */
  const link = {
    home: () => '#/',
    latest: () => '#/tin-moi',
    category: (slug) => `#/chuyen-muc/${encodeURIComponent(slug)}`,
    tag: (slug) => `#/tu-khoa/${encodeURIComponent(slug)}`,
    article: (slug) => `#/bai-viet/${encodeURIComponent(slug)}`,
    search: (q) => `#/tim-kiem?${new URLSearchParams({ q })}`,
    models: () => '#/mo-hinh',
    model: (slug) => `#/mo-hinh/${encodeURIComponent(slug)}`,
    statistics: (year) => (year ? `#/thong-ke?${new URLSearchParams({ nam: String(year) })}` : '#/thong-ke'),
  };

  // ---------------------------------------------------------------------------
  // 3. Formatting (Vietnamese conventions)
  // ---------------------------------------------------------------------------

  const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000; // UTC+7 all year
  const pad = (n) => String(n).padStart(2, '0');

  /** The wall-clock parts of an instant in Vietnam, whatever the browser's time zone. */
  function vietnamParts(value) {
    const date = value instanceof Date ? value : new Date(value);
    if (!value || Number.isNaN(date.getTime())) return null;
    const local = new Date(date.getTime() + VIETNAM_OFFSET_MS);
    return {
      year: local.getUTCFullYear(),
      month: pad(local.getUTCMonth() + 1),
      day: pad(local.getUTCDate()),
      hour: pad(local.getUTCHours()),
      minute: pad(local.getUTCMinutes()),
      weekday: local.getUTCDay(),
    };
  }

  /** "14:15 04/01/2024" */
  function formatDateTime(value) {
    const p = vietnamParts(value);
    return p ? `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}` : '';
  }

  /** "04/01/2024" */
  function formatDate(value) {
    const p = vietnamParts(value);
    return p ? `${p.day}/${p.month}/${p.year}` : '';
  }

  const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
  /** "Thứ Hai, 23/11/2026" */
  function formatToday() {
    const p = vietnamParts(new Date());
    return `${WEEKDAYS[p.weekday]}, ${p.day}/${p.month}/${p.year}`;
  }

  const numberFormat = new Intl.NumberFormat('vi-VN');
  const decimalFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
  const signedFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1, signDisplay: 'exceptZero' });

  /** 3120 → "3.120" */
  const formatNumber = (n) => numberFormat.format(Number(n) || 0);
  /** 1 → "+1", -7.7 → "-7,7", 0 → "0" */
  const formatSigned = (n) => signedFormat.format(Number(n) || 0);

  /** 819 → "819 B", 12800 → "12,5 KB" */
  function formatSize(bytes) {
    if (!Number.isFinite(bytes) || bytes < 0) return '';
    if (bytes < 1024) return `${formatNumber(bytes)} B`;
    if (bytes < 1024 * 1024) return `${decimalFormat.format(bytes / 1024)} KB`;
    return `${decimalFormat.format(bytes / (1024 * 1024))} MB`;
  }

  const SUBJECT_TYPES = { collective: 'Tập thể', individual: 'Cá nhân' };
  const ORIGINS = { new: 'Mô hình mới', replicated: 'Nhân rộng' };
  const HIT_TYPES = { article: 'Tin bài', initiative: 'Mô hình' };

  // ---------------------------------------------------------------------------
  // 4. API client
  // ---------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.name = 'ApiError';
      this.status = status;
    }
  }

  /** What to tell the reader, in Vietnamese, for a failed request. */
  function errorMessage(error) {
    if (!(error instanceof ApiError)) return 'Đã xảy ra lỗi khi hiển thị trang. Vui lòng tải lại trang.';
    switch (true) {
      case error.status === 0:
        return 'Không kết nối được tới máy chủ. Vui lòng kiểm tra kết nối mạng và thử lại.';
      case error.status === 404:
        return 'Không tìm thấy nội dung bạn yêu cầu. Có thể nội dung đã được gỡ bỏ hoặc đường dẫn không đúng.';
      case error.status === 400:
        return 'Yêu cầu không hợp lệ. Vui lòng kiểm tra lại từ khóa hoặc bộ lọc.';
      case error.status === 429:
        return 'Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.';
      case error.status >= 500:
        return 'Hệ thống đang bận hoặc đang bảo trì. Vui lòng thử lại sau.';
      default:
        return `Không tải được dữ liệu (mã lỗi ${error.status}). Vui lòng thử lại sau.`;
    }
  }

  /**
   * Calls the API: `path` below /api/portal, `query` an object (empty values
   * are left out). Resolves to the parsed JSON body; rejects with ApiError.
   */
  async function api(path, { query = {}, method = 'GET', signal, body: payload } = {}) {
    const url = new URL(API_BASE + path);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
    }
    const headers = { Accept: 'application/json' };
    if (payload !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(url, { method, signal, headers, body: payload === undefined ? undefined : JSON.stringify(payload) });
    } catch (error) {
      if (error.name === 'AbortError') throw error;
      throw new ApiError(0, 'network');
    }
    let body = null;
    try {
      body = await response.json();
    } catch {
      // An error page that is not JSON (proxy, gateway): the status says enough.
    }
    if (!response.ok) throw new ApiError(response.status, (body && body.error && body.error.message) || response.statusText);
    return body;
  }

  const siteApi = (path = '') => `/sites/${encodeURIComponent(SITE)}${path}`;

  // ---------------------------------------------------------------------------
  // 5. Shared pieces
  // ---------------------------------------------------------------------------

  /**
   * <img> with srcset from the upload formats (thumbnail, small, ...), the
   * intrinsic size to avoid layout shift, and the API's alt text.
   */
  function image(img, { alt, sizes = '100vw', className = '', eager = false } = {}) {
    if (!img || !assetUrl(img.url)) return html`<div class="placeholder ${className}" aria-hidden="true"></div>`;
    const candidates = Object.values(img.formats || {})
      .concat(img.width ? [{ url: img.url, width: img.width }] : [])
      .filter((format) => format.width && assetUrl(format.url))
      .sort((a, b) => a.width - b.width);
    const srcset = candidates.map((format) => `${assetUrl(format.url)} ${format.width}w`).join(', ');
    return html`<img class="${className}" src="${assetUrl(img.url)}" ${srcset ? html`srcset="${srcset}" sizes="${sizes}"` : ''}
      ${img.width ? html`width="${img.width}" height="${img.height}"` : ''} alt="${alt !== undefined ? alt : img.alt || ''}"
      ${eager ? '' : html`loading="lazy"`} decoding="async">`;
  }

  /** <h2>…<h6> with a level chosen by the caller (cards sit under different headings). */
  function headingTag(level, className, content) {
    const h = `h${Math.min(6, Math.max(1, Math.trunc(level) || 2))}`;
    return new SafeHtml(`<${h} class="${escapeHtml(className)}">${toHtml(content)}</${h}>`);
  }

  /** "Tỉnh" → "cấp tỉnh", "Cấp xã" → "cấp xã" (level names come from the unit kinds). */
  const levelLabel = (name) => (/^cấp\s/i.test(name) ? name : `cấp ${name}`).toLowerCase();
  /** "Tỉnh" → "Cấp tỉnh" */
  const levelName = (name) => {
    const label = levelLabel(name);
    return label.charAt(0).toUpperCase() + label.slice(1);
  };

  const timeTag = (iso, text) => (iso ? html`<time datetime="${iso}">${text}</time>` : '');

  const viewCount = (n) => html`<span class="meta__views">Lượt đọc: ${formatNumber(n)}</span>`;

  /** "(3) Bình luận", as the provincial sites show it under each article. */
  const commentCount = (n) => html`<span class="meta__comments">(${formatNumber(n || 0)}) Bình luận</span>`;

  /** An article card: cover thumb, category, title, sapo, date, view count. */
  function articleCard(article, { variant = 'list', headingLevel = 3, showSapo = true } = {}) {
    const href = link.article(article.slug);
    return html`
      <article class="card card--${variant}">
        <a class="card__media" href="${href}" tabindex="-1" aria-hidden="true">
          ${image(article.cover, { sizes: variant === 'lead' ? '(min-width: 960px) 640px, 100vw' : '(min-width: 960px) 240px, 40vw', className: 'card__image', eager: variant === 'lead' })}
        </a>
        <div class="card__body">
          ${article.category ? html`<a class="card__category" href="${link.category(article.category.slug)}">${article.category.name}</a>` : ''}
          ${headingTag(headingLevel, 'card__title', html`<a href="${href}">${article.title}</a>`)}
          <p class="meta">${timeTag(article.displayAt, formatDateTime(article.displayAt))}${viewCount(article.viewCount)}${commentCount(article.commentCount)}</p>
          ${showSapo && article.sapo ? html`<p class="card__sapo">${article.sapo}</p>` : ''}
        </div>
      </article>`;
  }

  /** A model card: cover, recognition level, title, field, unit, year. */
  function modelCard(model, { headingLevel = 3 } = {}) {
    const href = link.model(model.slug);
    return html`
      <article class="card card--model">
        <a class="card__media" href="${href}" tabindex="-1" aria-hidden="true">
          ${image(model.cover, { sizes: '(min-width: 960px) 360px, 100vw', className: 'card__image' })}
        </a>
        <div class="card__body">
          ${model.recognitionLevel ? html`<p class="badge badge--level">Công nhận ${levelLabel(model.recognitionLevel.name)}</p>` : ''}
          ${headingTag(headingLevel, 'card__title', html`<a href="${href}">${model.title}</a>`)}
          <p class="meta">
            ${model.year ? html`<span>Năm ${model.year}</span>` : ''}
            ${model.field ? html`<span>${model.field.name}</span>` : ''}
            <span>${SUBJECT_TYPES[model.subjectType] || ''}${model.personName ? html`: ${model.personName}` : ''}</span>
          </p>
          ${model.ownerUnit ? html`<p class="card__unit">${model.ownerUnit.name}</p>` : ''}
          ${model.summary ? html`<p class="card__sapo">${model.summary}</p>` : ''}
        </div>
      </article>`;
  }

  /** Page links: Trước 1 … 4 5 6 … 12 Sau. `hrefFor(page)` builds each link. */
  function pagination(meta, hrefFor) {
    const { page, pageCount } = (meta && meta.pagination) || {};
    if (!pageCount || pageCount <= 1) return '';
    const pages = new Set([1, pageCount, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pageCount));
    const sorted = [...pages].sort((a, b) => a - b);
    const items = [];
    sorted.forEach((n, index) => {
      if (index > 0 && n - sorted[index - 1] > 1) items.push(html`<li class="pagination__gap" aria-hidden="true">…</li>`);
      items.push(
        n === page
          ? html`<li><a class="pagination__link is-current" href="${hrefFor(n)}" aria-current="page" aria-label="Trang ${n}, trang hiện tại">${n}</a></li>`
          : html`<li><a class="pagination__link" href="${hrefFor(n)}" aria-label="Trang ${n}">${n}</a></li>`
      );
    });
    return html`
      <nav class="pagination" aria-label="Phân trang">
        <ul class="pagination__list">
          ${page > 1 ? html`<li><a class="pagination__link" href="${hrefFor(page - 1)}" rel="prev">‹ Trước</a></li>` : ''}
          ${items}
          ${page < pageCount ? html`<li><a class="pagination__link" href="${hrefFor(page + 1)}" rel="next">Sau ›</a></li>` : ''}
        </ul>
      </nav>`;
  }

  /** Breadcrumb trail; the last item is the current page. */
  function breadcrumb(items) {
    return html`
      <nav class="breadcrumb" aria-label="Đường dẫn">
        <ol class="breadcrumb__list">
          <li><a href="${link.home()}">Trang chủ</a></li>
          ${items.map((item, index) =>
            index === items.length - 1 && !item.href
              ? html`<li><span aria-current="page">${item.label}</span></li>`
              : html`<li><a href="${item.href}">${item.label}</a></li>`
          )}
        </ol>
      </nav>`;
  }

  /** The category with its ancestors, for breadcrumbs: [{ label, href }]. */
  function categoryTrail(slug, name) {
    const trail = [];
    let entry = state.categoryIndex.get(slug);
    if (!entry) return [{ label: name || slug, href: link.category(slug) }];
    while (entry) {
      trail.unshift({ label: entry.node.name, href: link.category(entry.node.slug) });
      entry = entry.parent ? state.categoryIndex.get(entry.parent.slug) : null;
    }
    return trail;
  }

  const emptyState = (text) => html`<p class="empty">${text}</p>`;

  const section = (id, title, body, extra = '') => html`
    <section class="section" aria-labelledby="${id}">
      <div class="section__head">
        <h2 class="section__title" id="${id}">${title}</h2>
        ${extra}
      </div>
      ${body}
    </section>`;

  /** A positive page number from ?trang=, or 1. */
  function pageParam(params) {
    const n = Number(params.get('trang'));
    return Number.isInteger(n) && n >= 1 && n <= 1000 ? n : 1;
  }

  /** The years the filters offer: this year and the few before it. */
  function offeredYears() {
    const thisYear = vietnamParts(new Date()).year;
    return Array.from({ length: YEARS_OFFERED }, (_, i) => thisYear - i);
  }

  // ---------------------------------------------------------------------------
  // 6. Pages. Each returns { title, body, nav?, after? }; `after(main)` runs
  //    once the body is in the page (e.g. to count a view).
  // ---------------------------------------------------------------------------

  async function homePage({ signal }) {
    const [pinned, featuredNow, latest, models] = await Promise.all([
      api(siteApi('/articles'), { query: { pinned: 'true', pageSize: 5 }, signal }),
      api(siteApi('/articles'), { query: { featured: 'true', pageSize: 5 }, signal }),
      api(siteApi('/articles'), { query: { pageSize: 12 }, signal }),
      api('/initiatives', { query: { pageSize: 4 }, signal }),
    ]);
    // Pinned articles lead the home page until their "pinned until" time, then the featured ones.
    const pinnedSlugs = new Set(pinned.data.map((article) => article.slug));
    const featured = [...pinned.data, ...featuredNow.data.filter((article) => !pinnedSlugs.has(article.slug))].slice(0, 5);
    const [lead, ...others] = featured;
    const shown = new Set(featured.map((article) => article.slug));
    const newest = latest.data.filter((article) => !shown.has(article.slug)).slice(0, 8);

    const featuredBox = lead
      ? html`
        <div class="featured">
          <div class="featured__lead">${articleCard(lead, { variant: 'lead', headingLevel: 3 })}</div>
          <ul class="featured__list">
            ${others.map((article) => html`<li>${articleCard(article, { variant: 'mini', showSapo: false })}</li>`)}
          </ul>
        </div>`
      : emptyState('Chưa có tin tiêu điểm.');

    return {
      title: 'Trang chủ',
      nav: link.home(),
      body: html`
        <h1 class="visually-hidden">${state.site ? state.site.name : 'Trang chủ'}</h1>
        ${section('tieu-diem', 'Tiêu điểm', featuredBox)}
        <div class="layout">
          <div class="layout__main">
            ${section(
              'tin-moi',
              'Tin mới',
              newest.length ? html`<div class="card-list">${newest.map((article) => articleCard(article))}</div>` : emptyState('Chưa có bài viết nào.'),
              html`<a class="section__more" href="${link.latest()}">Xem tất cả</a>`
            )}
          </div>
          <aside class="layout__aside" aria-label="Mô hình và thống kê">
            ${section(
              'mo-hinh-moi',
              'Mô hình mới công nhận',
              models.data.length
                ? html`<ul class="link-list">${models.data.map(
                    (model) => html`<li>
                      <a href="${link.model(model.slug)}">${model.title}</a>
                      <span class="meta">${model.ownerUnit ? model.ownerUnit.name : ''}${model.recognitionLevel ? html` · Công nhận ${levelLabel(model.recognitionLevel.name)}` : ''}</span>
                    </li>`
                  )}</ul>`
                : emptyState('Chưa có mô hình nào được công nhận.'),
              html`<a class="section__more" href="${link.models()}">Xem tất cả</a>`
            )}
            <p class="promo"><a href="${link.statistics()}">Số liệu phong trào “Dân vận khéo” theo năm, lĩnh vực và cấp xét duyệt →</a></p>
          </aside>
        </div>`,
    };
  }

  /** One page of the site's articles, newest first; `filters` as the API takes them (category, tag, ...). */
  async function fetchArticlePage({ signal, params }, filters) {
    const page = pageParam(params);
    const result = await api(siteApi('/articles'), { query: { ...filters, page, pageSize: PAGE_SIZE }, signal });
    return { page, result };
  }

  /** A paged list of article cards (latest news, a category, a tag) under a page heading. */
  function articleListView({ page, result }, { heading, description = '', crumbs, extra = '', nav, baseHref }) {
    const hrefFor = (n) => (n === 1 ? baseHref : `${baseHref}?trang=${n}`);
    return {
      title: page > 1 ? `${heading} - Trang ${page}` : heading,
      nav,
      body: html`
        ${breadcrumb(crumbs)}
        <header class="page-head">
          <h1 class="page-head__title">${heading}</h1>
          ${description ? html`<p class="page-head__lead">${description}</p>` : ''}
          ${extra}
          <p class="page-head__count">${formatNumber(result.meta.pagination.total)} bài viết${page > 1 ? ` · Trang ${page}` : ''}</p>
        </header>
        ${result.data.length
          ? html`<div class="panel card-list">${result.data.map((article) => articleCard(article, { headingLevel: 2 }))}</div>`
          : emptyState('Không có bài viết nào ở trang này.')}
        ${pagination(result.meta, hrefFor)}`,
    };
  }

  async function latestPage(context) {
    const list = await fetchArticlePage(context, {});
    return articleListView(list, { heading: 'Tin mới nhất', crumbs: [{ label: 'Tin mới nhất' }], nav: link.home(), baseHref: link.latest() });
  }

  async function categoryPage(context, slug) {
    const list = await fetchArticlePage(context, { category: slug });
    const entry = state.categoryIndex.get(slug);
    const node = entry ? entry.node : null;
    // A category of another site (an article may belong to several sites) is not in
    // our tree: take its name from the articles themselves.
    const fromArticle = list.result.data.find((article) => article.category && article.category.slug === slug);
    const name = node ? node.name : fromArticle ? fromArticle.category.name : 'Chuyên mục';
    const crumbs = categoryTrail(slug, name);
    crumbs[crumbs.length - 1] = { label: name }; // the current page is not a link
    return articleListView(list, {
      heading: name,
      description: node ? node.description : '',
      crumbs,
      extra:
        node && node.children.length
          ? html`<ul class="chips" aria-label="Chuyên mục con">${node.children.map((child) => html`<li><a class="chip" href="${link.category(child.slug)}">${child.name}</a></li>`)}</ul>`
          : '',
      nav: link.category(slug),
      baseHref: link.category(slug),
    });
  }

  async function tagPage(context, slug) {
    const [list, tags] = await Promise.all([fetchArticlePage(context, { tag: slug }), api(siteApi('/tags'), { signal: context.signal })]);
    const tag = tags.data.find((item) => item.slug === slug);
    const heading = `Từ khóa: ${tag ? tag.name : slug}`;
    return articleListView(list, { heading, crumbs: [{ label: heading }], baseHref: link.tag(slug) });
  }

  /** The banner over a draft opened from the admin's Preview: readers never see it. */
  const previewBanner = () =>
    html`<p class="preview-banner" role="status"><strong>Bản xem trước</strong> — nội dung chưa xuất bản, chỉ người có liên kết này xem được trong thời gian ngắn.</p>`;

  /** An article's draft through the signed link the admin's Preview opens. */
  async function articlePreviewPage(context) {
    return articlePage(context, null, context.params.get('token') || '');
  }

  /** A model through the signed link the admin's Preview opens. */
  async function modelPreviewPage(context) {
    return modelPage(context, null, context.params.get('token') || '');
  }

  async function articlePage({ signal }, slug, previewToken) {
    const preview = typeof previewToken === 'string';
    const { data: article } = preview
      ? await api('/preview/article', { query: { token: previewToken }, signal })
      : await api(`/articles/${encodeURIComponent(slug)}`, { query: { site: SITE }, signal });
    const credit = article.coverCredit ? (/^ảnh\s*:/i.test(article.coverCredit) ? article.coverCredit : `Ảnh: ${article.coverCredit}`) : '';
    const crumbs = article.category ? categoryTrail(article.category.slug, article.category.name) : [];

    const cardList = (id, title, items) =>
      items.length ? section(id, title, html`<div class="card-list card-list--compact">${items.map((item) => articleCard(item, { variant: 'compact', showSapo: false }))}</div>`) : '';

    return {
      title: article.title,
      nav: article.category ? link.category(article.category.slug) : null,
      body: html`
        ${preview ? previewBanner() : ''}
        ${breadcrumb(crumbs)}
        <div class="layout">
          <article class="article layout__main" aria-labelledby="article-title">
            <header class="article__head">
              <h1 class="article__title" id="article-title">${article.title}</h1>
              <p class="meta">
                ${timeTag(article.displayAt, formatDateTime(article.displayAt))}
                <span class="meta__views" data-view-count>Lượt đọc: ${formatNumber(article.viewCount)}</span>
                <a class="meta__comments" href="#binh-luan" data-scroll-to="binh-luan">(${formatNumber(article.commentCount)}) Bình luận</a>
              </p>
            </header>
            ${article.sapo ? html`<p class="article__sapo">${article.sapo}</p>` : ''}
            ${article.cover
              ? html`<figure class="article__cover">
                  ${image(article.cover, { sizes: '(min-width: 960px) 720px, 100vw', eager: true })}
                  ${article.coverCaption || credit
                    ? html`<figcaption>${article.coverCaption}${credit ? html` <span class="article__credit">${credit}</span>` : ''}</figcaption>`
                    : ''}
                </figure>`
              : ''}
            <div class="article__body prose">${trusted(article.body)}</div>
            ${article.author && article.author.name
              ? html`<p class="article__author"><strong>${article.author.name}</strong>${article.author.title ? html`<br><span>${article.author.title}</span>` : ''}</p>`
              : ''}
            ${article.sourceAgency ? html`<p class="article__source">Nguồn: ${article.sourceAgency}</p>` : ''}
            ${article.attachments.length
              ? html`<section class="attachments" aria-labelledby="attachments-title">
                  <h2 class="attachments__title" id="attachments-title">Tài liệu đính kèm</h2>
                  <ul>${article.attachments.map(
                    (file) => html`<li><a href="${assetUrl(file.url)}" download="${file.name}">${file.name}</a>
                      <span class="meta">(${file.ext ? `${file.ext.toUpperCase()}, ` : ''}${formatSize(file.sizeBytes)})</span></li>`
                  )}</ul>
                </section>`
              : ''}
            ${article.tags.length
              ? html`<div class="tags"><span class="tags__label" id="tags-label">Từ khóa:</span>
                  <ul class="chips" aria-labelledby="tags-label">${article.tags.map((tag) => html`<li><a class="chip" href="${link.tag(tag.slug)}">${tag.name}</a></li>`)}</ul></div>`
              : ''}
            ${article.prev || article.next
              ? html`<nav class="prev-next" aria-label="Tin trước và tin sau">
                  ${article.prev ? html`<a class="prev-next__link prev-next__link--prev" href="${link.article(article.prev.slug)}" rel="prev"><span>‹ Tin trước</span>${article.prev.title}</a>` : html`<span></span>`}
                  ${article.next ? html`<a class="prev-next__link prev-next__link--next" href="${link.article(article.next.slug)}" rel="next"><span>Tin sau ›</span>${article.next.title}</a>` : ''}
                </nav>`
              : ''}
            ${commentsSection(article)}
          </article>
          <aside class="layout__aside" aria-label="Tin liên quan">
            ${cardList('tin-lien-quan', 'Tin liên quan', article.related)}
            ${article.relatedInitiatives && article.relatedInitiatives.length
              ? section('mo-hinh-lien-quan', 'Mô hình liên quan', html`<ul class="link-list">${article.relatedInitiatives.map((model) => html`<li><a href="${link.model(model.slug)}">${model.title}</a></li>`)}</ul>`)
              : ''}
            ${cardList('cung-chuyen-muc', 'Tin cùng chuyên mục', article.moreInCategory)}
          </aside>
        </div>`,
      // Count the view once the article is on screen, and show the count the server returns; a preview
      // counts no view and takes no comments.
      after: preview ? undefined : async (main, { signal: afterSignal }) => {
        mountComments(main, slug, article, afterSignal);
        try {
          const { data } = await api(`/articles/${encodeURIComponent(slug)}/views`, { method: 'POST', signal: afterSignal });
          const counter = main.querySelector('[data-view-count]');
          if (counter && data && Number.isFinite(data.viewCount)) counter.textContent = `Lượt đọc: ${formatNumber(data.viewCount)}`;
        } catch (error) {
          // Not counting a view (rate limit, network) must not disturb reading.
          if (error.name !== 'AbortError') console.warn('Không ghi nhận được lượt đọc:', error.message);
        }
      },
    };
  }

  // ---------------------------------------------------------------------------
  // Readers' comments under an article: approved threads (editors' replies
  // under the comment they answer) and the form. A posted comment waits for
  // the editors' approval before anyone sees it.
  // ---------------------------------------------------------------------------

  const COMMENTS_PAGE_SIZE = 10;

  /** The API's messages are "Vietnamese / English": readers get the Vietnamese part. */
  const vietnameseOf = (message) => String(message || '').split(' / ')[0];

  function commentsSection(article) {
    return html`
      <section class="comments" id="binh-luan" aria-labelledby="comments-title" data-comments>
        <div class="comments__head">
          <h2 class="comments__title" id="comments-title">(<span data-comment-total>${formatNumber(article.commentCount)}</span>) Bình luận</h2>
          <label class="comments__order">Sắp xếp
            <select data-comment-order>
              <option value="oldest">Cũ nhất trước</option>
              <option value="newest">Mới nhất trước</option>
            </select>
          </label>
        </div>
        <ol class="comments__list" data-comment-list aria-live="polite"></ol>
        <p class="comments__more" hidden><button type="button" class="button button--ghost" data-comment-more>Xem thêm bình luận</button></p>
        <div data-comment-form-slot>
          <p class="status">Đang tải biểu mẫu bình luận…</p>
        </div>
      </section>`;
  }

  function commentItem(comment, { reply = false, closed = false } = {}) {
    return html`
      <li class="comment${comment.byEditor ? ' comment--editor' : ''}${reply ? ' comment--reply' : ''}" data-comment-id="${comment.id}">
        <p class="comment__meta">
          ${comment.byEditor ? html`<strong class="comment__badge">${comment.name}</strong>` : html`<strong class="comment__name">${comment.name}</strong>`}
          ${timeTag(comment.createdAt, formatDateTime(comment.createdAt))}
        </p>
        <div class="comment__text">${trusted(comment.html)}</div>
        ${reply || closed ? '' : html`<button type="button" class="comment__reply" data-reply-to="${comment.id}" data-reply-name="${comment.name}">Trả lời</button>`}
        ${!reply && comment.replies && comment.replies.length
          ? html`<ol class="comments__replies">${comment.replies.map((item) => commentItem(item, { reply: true }))}</ol>`
          : ''}
      </li>`;
  }

  function commentForm(form) {
    if (form.closed) return html`<p class="comments__closed">Bài viết này đã đóng bình luận.</p>`;
    return html`
      <form class="comment-form" novalidate data-comment-form>
        <h3 class="comment-form__title">Gửi bình luận</h3>
        <p class="comment-form__replying" data-replying hidden>
          <span data-replying-text></span>
          <button type="button" class="comment__reply" data-cancel-reply>Hủy trả lời</button>
        </p>
        <div class="comment-form__row">
          <p class="field">
            <label for="comment-name">Họ và tên <span aria-hidden="true">*</span></label>
            <input id="comment-name" name="name" required minlength="2" maxlength="80" autocomplete="name">
          </p>
          <p class="field">
            <label for="comment-email">Email <span aria-hidden="true">*</span></label>
            <input id="comment-email" name="email" type="email" required maxlength="200" autocomplete="email" aria-describedby="comment-email-note">
            <small id="comment-email-note">Email không được công khai.</small>
          </p>
        </div>
        <p class="field">
          <label for="comment-text">Nội dung <span aria-hidden="true">*</span></label>
          <textarea id="comment-text" name="text" rows="5" required minlength="2" maxlength="${form.maxLength}" aria-describedby="comment-text-note"></textarea>
          <small id="comment-text-note">Tối đa ${formatNumber(form.maxLength)} ký tự, ${form.maxLinks} đường dẫn. Bình luận được hiển thị sau khi ban biên tập duyệt.</small>
        </p>
        <p class="field field--trap" aria-hidden="true">
          <label for="comment-website">Trang web (để trống)</label>
          <input id="comment-website" name="website" tabindex="-1" autocomplete="off">
        </p>
        <p class="comment-form__message" data-comment-message role="status" hidden></p>
        <p><button type="submit" class="button">Gửi bình luận</button></p>
      </form>`;
  }

  function mountComments(main, slug, article, signal) {
    const root = main.querySelector('[data-comments]');
    if (!root) return;
    const list = root.querySelector('[data-comment-list]');
    const more = root.querySelector('.comments__more');
    const order = root.querySelector('[data-comment-order]');
    const slot = root.querySelector('[data-comment-form-slot]');
    const path = `/articles/${encodeURIComponent(slug)}`;
    let page = 1;
    let closed = Boolean(article.commentsClosed);
    let token = null;
    let replyTo = null;

    async function loadThreads(reset) {
      if (reset) page = 1;
      try {
        const result = await api(`${path}/comments`, { query: { order: order.value, page, pageSize: COMMENTS_PAGE_SIZE }, signal });
        closed = result.meta.closed;
        const items = result.data.map((comment) => commentItem(comment, { closed })).join('');
        if (reset) list.innerHTML = items || html`<li class="comments__empty">Chưa có bình luận nào. Hãy là người đầu tiên góp ý.</li>`.value;
        else list.insertAdjacentHTML('beforeend', items);
        root.querySelector('[data-comment-total]').textContent = formatNumber(result.meta.total);
        more.hidden = page >= result.meta.pagination.pageCount;
      } catch (error) {
        if (error.name !== 'AbortError') list.innerHTML = html`<li class="comments__empty">${errorMessage(error)}</li>`.value;
      }
    }

    async function loadForm() {
      try {
        const { data } = await api(`${path}/comment-form`, { signal });
        token = data.token;
        slot.innerHTML = commentForm(data).value;
        bindForm();
      } catch (error) {
        if (error.name !== 'AbortError') slot.innerHTML = html`<p class="status">${errorMessage(error)}</p>`.value;
      }
    }

    function setReply(id, name) {
      const form = slot.querySelector('[data-comment-form]');
      if (!form) return;
      replyTo = id;
      const box = form.querySelector('[data-replying]');
      box.hidden = !id;
      form.querySelector('[data-replying-text]').textContent = id ? `Trả lời ${name}` : '';
      if (id) form.querySelector('textarea').focus();
    }

    function bindForm() {
      const form = slot.querySelector('[data-comment-form]');
      if (!form) return;
      const message = form.querySelector('[data-comment-message]');
      const show = (text, kind) => {
        message.textContent = text;
        message.className = `comment-form__message comment-form__message--${kind}`;
        message.hidden = false;
      };
      form.querySelector('[data-cancel-reply]').addEventListener('click', () => setReply(null));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        if (!form.reportValidity()) return;
        const button = form.querySelector('button[type="submit"]');
        button.disabled = true;
        const values = Object.fromEntries(new FormData(form).entries());
        try {
          const { data } = await api(`${path}/comments`, { method: 'POST', body: { ...values, replyTo, token } });
          show(vietnameseOf(data.message), 'ok');
          form.reset();
          setReply(null);
          // A token serves one form; the next comment gets a fresh one.
          const fresh = await api(`${path}/comment-form`);
          token = fresh.data.token;
        } catch (error) {
          show(error instanceof ApiError && error.status >= 400 && error.status < 500 ? vietnameseOf(error.message) : errorMessage(error), 'error');
        } finally {
          button.disabled = false;
        }
      });
    }

    list.addEventListener('click', (event) => {
      const button = event.target.closest('[data-reply-to]');
      if (button) setReply(button.dataset.replyTo, button.dataset.replyName);
    });
    order.addEventListener('change', () => loadThreads(true));
    more.querySelector('button').addEventListener('click', () => {
      page += 1;
      loadThreads(false);
    });
    const jump = main.querySelector('[data-scroll-to="binh-luan"]');
    if (jump) {
      jump.addEventListener('click', (event) => {
        // The page's own "#/..." route must not change: scroll instead of following the fragment.
        event.preventDefault();
        root.scrollIntoView({ behavior: 'smooth', block: 'start' });
      });
    }
    loadThreads(true);
    loadForm();
  }

  async function searchPage({ signal, params }) {
    const q = (params.get('q') || '').trim();
    const page = pageParam(params);
    const form = html`
      <form class="search-form search-form--page" role="search" data-route="/tim-kiem">
        <label for="search-q">Từ khóa</label>
        <input class="search-form__input" id="search-q" name="q" type="search" value="${q}" minlength="2" maxlength="200" required>
        <button class="search-form__button" type="submit">Tìm kiếm</button>
      </form>`;
    const head = (text) => html`${breadcrumb([{ label: 'Tìm kiếm' }])}
      <header class="page-head"><h1 class="page-head__title">Tìm kiếm</h1>${form}${text ? html`<p class="page-head__count">${text}</p>` : ''}</header>`;

    if (q.length < 2) return { title: 'Tìm kiếm', body: head('Nhập ít nhất 2 ký tự để tìm tin bài và mô hình (có thể gõ không dấu).') };

    const result = await api('/search', { query: { q, site: SITE, page, pageSize: PAGE_SIZE }, signal });
    const total = result.meta.pagination.total;
    const hrefFor = (n) => `#/tim-kiem?${new URLSearchParams(n === 1 ? { q } : { q, trang: String(n) })}`;
    return {
      title: `Tìm kiếm: ${q}`,
      body: html`
        ${head(html`Tìm thấy <strong>${formatNumber(total)}</strong> kết quả cho “${q}”`)}
        ${result.data.length
          ? html`<ol class="results" start="${(page - 1) * PAGE_SIZE + 1}">${result.data.map(
              (hit) => html`
                <li class="result">
                  <p class="badge ${hit.type === 'initiative' ? 'badge--model' : 'badge--article'}">${HIT_TYPES[hit.type] || hit.type}</p>
                  <h2 class="result__title"><a href="${hit.type === 'initiative' ? link.model(hit.slug) : link.article(hit.slug)}">${hit.title}</a></h2>
                  ${hit.excerpt ? html`<p class="result__excerpt">${hit.excerpt}</p>` : ''}
                  ${hit.date ? html`<p class="meta">${timeTag(hit.date, hit.type === 'initiative' ? `Công nhận ${formatDate(hit.date)}` : formatDateTime(hit.date))}</p>` : ''}
                </li>`
            )}</ol>`
          : emptyState('Không tìm thấy kết quả phù hợp. Hãy thử từ khóa khác.')}
        ${pagination(result.meta, hrefFor)}`,
    };
  }

  async function modelsPage({ signal, params }) {
    const page = pageParam(params);
    const year = /^\d{4}$/.test(params.get('nam') || '') ? params.get('nam') : '';
    const field = /^[A-Za-z0-9][A-Za-z0-9-]{0,59}$/.test(params.get('linh-vuc') || '') ? params.get('linh-vuc') : '';
    // The API has no list of fields; the statistics of a year list them all.
    const [result, stats] = await Promise.all([
      api('/initiatives', { query: { year, field, page, pageSize: MODELS_PAGE_SIZE }, signal }),
      api('/statistics', { query: { year: year || offeredYears()[0] }, signal }),
    ]);
    const fields = stats.data.byField.filter((item) => item.code);
    const filterQuery = { ...(year ? { nam: year } : {}), ...(field ? { 'linh-vuc': field } : {}) };
    const hrefFor = (n) => {
      const query = new URLSearchParams({ ...filterQuery, ...(n > 1 ? { trang: String(n) } : {}) }).toString();
      return query ? `#/mo-hinh?${query}` : '#/mo-hinh';
    };
    const option = (value, label, selected) => html`<option value="${value}" ${selected ? 'selected' : ''}>${label}</option>`;
    return {
      title: 'Mô hình “Dân vận khéo”',
      nav: link.models(),
      body: html`
        ${breadcrumb([{ label: 'Mô hình' }])}
        <header class="page-head">
          <h1 class="page-head__title">Mô hình “Dân vận khéo” được công nhận</h1>
          <p class="page-head__lead">Các mô hình, điển hình đã được công nhận ở cấp xã, cấp huyện và cấp tỉnh.</p>
          <form class="filters" data-route="/mo-hinh" aria-label="Lọc mô hình">
            <div class="filters__field">
              <label for="filter-year">Năm</label>
              <select id="filter-year" name="nam">
                ${option('', 'Tất cả các năm', !year)}
                ${offeredYears().map((y) => option(String(y), `Năm ${y}`, String(y) === year))}
              </select>
            </div>
            <div class="filters__field">
              <label for="filter-field">Lĩnh vực</label>
              <select id="filter-field" name="linh-vuc">
                ${option('', 'Tất cả lĩnh vực', !field)}
                ${fields.map((item) => option(item.code, item.name, item.code === field))}
              </select>
            </div>
            <button class="button" type="submit">Lọc</button>
          </form>
          <p class="page-head__count">${formatNumber(result.meta.pagination.total)} mô hình</p>
        </header>
        ${result.data.length
          ? html`<div class="card-grid">${result.data.map((model) => modelCard(model, { headingLevel: 2 }))}</div>`
          : emptyState('Không có mô hình nào phù hợp với bộ lọc.')}
        ${pagination(result.meta, hrefFor)}`,
    };
  }

  async function modelPage({ signal }, slug, previewToken) {
    const preview = typeof previewToken === 'string';
    const { data: model } = preview
      ? await api('/preview/initiative', { query: { token: previewToken }, signal })
      : await api(`/initiatives/${encodeURIComponent(slug)}`, { signal });
    const sameField = model.field
      ? (await api('/initiatives', { query: { field: model.field.code, pageSize: 6 }, signal })).data.filter((item) => item.slug !== model.slug).slice(0, 5)
      : [];
    const facts = [
      ['Đơn vị', model.ownerUnit && model.ownerUnit.name],
      ['Địa bàn', model.localityUnit && model.localityUnit.name],
      ['Lĩnh vực', model.field && model.field.name],
      ['Năm đăng ký', model.year],
      ['Loại', SUBJECT_TYPES[model.subjectType]],
      ['Cá nhân', model.personName ? `${model.personName}${model.personPosition ? `, ${model.personPosition}` : ''}` : ''],
      ['Nguồn gốc', ORIGINS[model.origin]],
      ['Cấp công nhận', model.recognitionLevel && levelName(model.recognitionLevel.name)],
      ['Ngày công nhận', formatDate(model.recognizedAt)],
    ].filter(([, value]) => value);

    return {
      title: model.title,
      nav: link.models(),
      body: html`
        ${preview ? previewBanner() : ''}
        ${breadcrumb([{ label: 'Mô hình', href: link.models() }, { label: model.title }])}
        <div class="layout">
          <article class="article layout__main" aria-labelledby="model-title">
            <header class="article__head">
              ${model.recognitionLevel ? html`<p class="badge badge--level">Công nhận ${levelLabel(model.recognitionLevel.name)}</p>` : ''}
              <h1 class="article__title" id="model-title">${model.title}</h1>
            </header>
            ${model.summary ? html`<p class="article__sapo">${model.summary}</p>` : ''}
            ${model.cover ? html`<figure class="article__cover">${image(model.cover, { sizes: '(min-width: 960px) 720px, 100vw', eager: true })}</figure>` : ''}
            <dl class="facts">${facts.map(([label, value]) => html`<div class="facts__row"><dt>${label}</dt><dd>${value}</dd></div>`)}</dl>
            ${model.replicatedFrom ? html`<p>Nhân rộng từ mô hình: <a href="${link.model(model.replicatedFrom.slug)}">${model.replicatedFrom.title}</a></p>` : ''}
            ${model.replicatedSource ? html`<p>Nhân rộng từ mô hình: ${model.replicatedSource.name}${model.replicatedSource.unit ? html` (${model.replicatedSource.unit})` : ''}</p>` : ''}
            ${model.continuedFrom ? html`<p>Duy trì, phát triển từ mô hình: <a href="${link.model(model.continuedFrom.slug)}">${model.continuedFrom.title}</a></p>` : ''}
            ${model.content ? html`<h2>Nội dung, cách làm</h2><div class="prose">${trusted(model.content)}</div>` : ''}
            ${model.results ? html`<h2>Kết quả</h2><div class="prose">${trusted(model.results)}</div>` : ''}
            ${model.indicators.length
              ? html`<h2>Chỉ số</h2>
                <div class="table-wrap"><table class="table">
                  <caption class="visually-hidden">Các chỉ số kết quả của mô hình</caption>
                  <thead><tr><th scope="col">Chỉ số</th><th scope="col" class="num">Giá trị</th></tr></thead>
                  <tbody>${model.indicators.map((item) => html`<tr><th scope="row">${item.label}</th><td class="num">${decimalFormat.format(item.value)} ${item.unit}</td></tr>`)}</tbody>
                </table></div>`
              : ''}
            ${model.gallery.length
              ? html`<h2>Hình ảnh</h2><div class="gallery">${model.gallery.map((img) => html`<figure>${image(img, { sizes: '240px' })}</figure>`)}</div>`
              : ''}
            ${model.decision
              ? html`<h2>Quyết định công nhận</h2>
                <p>Quyết định số <strong>${model.decision.number}</strong> ngày ${formatDate(model.decision.date)}${model.decision.signer ? html`, người ký: ${model.decision.signer}` : ''}.</p>`
              : ''}
            ${model.commendations.length
              ? html`<h2>Khen thưởng</h2><ul>${model.commendations.map(
                  (item) => html`<li>${item.form} — ${item.issuer}, quyết định số ${item.decisionNumber} ngày ${formatDate(item.date)}</li>`
                )}</ul>`
              : ''}
          </article>
          <aside class="layout__aside" aria-label="Bài viết về mô hình">
            ${model.relatedArticles.length
              ? section('bai-viet-ve-mo-hinh', 'Bài viết về mô hình', html`<div class="card-list card-list--compact">${model.relatedArticles.map((item) => articleCard(item, { variant: 'compact', showSapo: false }))}</div>`)
              : ''}
            ${sameField.length
              ? section(
                  'cung-linh-vuc',
                  'Mô hình cùng lĩnh vực',
                  html`<ul class="link-list">${sameField.map(
                    (item) => html`<li><a href="${link.model(item.slug)}">${item.title}</a><span class="meta">${item.ownerUnit ? item.ownerUnit.name : ''}${item.year ? ` · Năm ${item.year}` : ''}</span></li>`
                  )}</ul>`
                )
              : ''}
            <p class="promo"><a href="${link.models()}">← Danh sách mô hình</a></p>
          </aside>
        </div>`,
    };
  }

  /**
   * A horizontal bar, width relative to `max`; hidden from screen readers (the
   * number is in the text). The width is set by `sizeBars` after rendering,
   * through the CSSOM, so a strict CSP without inline styles still allows it.
   */
  const bar = (value, max, modifier = '') =>
    html`<span class="bar ${modifier}" aria-hidden="true"><span class="bar__fill" data-percent="${max > 0 ? Math.round((value / max) * 1000) / 10 : 0}"></span></span>`;

  function sizeBars(root) {
    for (const fill of root.querySelectorAll('.bar__fill[data-percent]')) fill.style.width = `${fill.dataset.percent}%`;
  }

  const growthText = (absolute, percent) => {
    const sign = absolute > 0 ? 'up' : absolute < 0 ? 'down' : 'flat';
    const text = `${formatSigned(absolute)}${percent === null || percent === undefined ? '' : ` (${formatSigned(percent)}%)`}`;
    return html`<span class="growth growth--${sign}">${text}</span>`;
  };

  async function statisticsPage({ signal, params }) {
    const asked = Number(params.get('nam'));
    let year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : offeredYears()[0];
    let { data: stats } = await api('/statistics', { query: { year }, signal });
    // Without ?nam=, a year that has no models yet falls back to the previous one.
    if (!params.get('nam') && stats.total === 0 && stats.previous.total > 0) {
      year = stats.previous.year;
      ({ data: stats } = await api('/statistics', { query: { year }, signal }));
    }
    const maxField = Math.max(1, ...stats.byField.map((item) => Math.max(item.count, item.previous)));
    const funnel = stats.funnel;
    const maxFunnel = Math.max(1, funnel.registered);
    const maxLevel = Math.max(1, ...stats.byRecognitionLevel.map((item) => item.count));
    const topUnits = stats.byUnit.slice(0, 10);
    const maxUnit = Math.max(1, ...topUnits.map((item) => item.count));
    const years = offeredYears();
    if (!years.includes(year)) years.push(year);

    const tile = (label, value, note = '') =>
      html`<div class="tile"><dt class="tile__label">${label}</dt><dd class="tile__value">${value}</dd>${note ? html`<dd class="tile__note">${note}</dd>` : ''}</div>`;

    return {
      title: `Thống kê năm ${year}`,
      nav: link.statistics(),
      body: html`
        ${breadcrumb([{ label: 'Thống kê' }])}
        <header class="page-head">
          <h1 class="page-head__title">Thống kê phong trào “Dân vận khéo” năm ${year}</h1>
          <form class="filters" data-route="/thong-ke" aria-label="Chọn năm thống kê">
            <div class="filters__field">
              <label for="stats-year">Năm</label>
              <select id="stats-year" name="nam">${years.map((y) => html`<option value="${y}" ${y === year ? 'selected' : ''}>Năm ${y}</option>`)}</select>
            </div>
            <button class="button" type="submit">Xem</button>
          </form>
        </header>

        <dl class="tiles">
          ${tile('Mô hình đăng ký', formatNumber(stats.total), `Năm ${stats.previous.year}: ${formatNumber(stats.previous.total)}`)}
          ${tile('Tăng trưởng so với năm trước', growthText(stats.growth.absolute, stats.growth.percent))}
          ${tile('Tập thể / Cá nhân', `${formatNumber(stats.bySubjectType.collective)} / ${formatNumber(stats.bySubjectType.individual)}`)}
          ${tile('Mô hình mới / Nhân rộng', `${formatNumber(stats.byOrigin.new)} / ${formatNumber(stats.byOrigin.replicated)}`)}
        </dl>

        ${section(
          'theo-linh-vuc',
          'Theo lĩnh vực',
          html`<div class="table-wrap"><table class="table table--bars">
            <caption class="visually-hidden">Số mô hình đăng ký theo lĩnh vực, năm ${year} so với năm ${stats.previous.year}</caption>
            <thead><tr><th scope="col">Lĩnh vực</th><th scope="col" class="num">Năm ${year}</th><th scope="col" class="num">Năm ${stats.previous.year}</th><th scope="col" class="num">Tăng/giảm</th><th scope="col"><span class="visually-hidden">Biểu đồ</span></th></tr></thead>
            <tbody>${stats.byField.map(
              (item) => html`<tr>
                <th scope="row">${item.name || 'Chưa phân loại'}</th>
                <td class="num">${formatNumber(item.count)}</td>
                <td class="num">${formatNumber(item.previous)}</td>
                <td class="num">${growthText(item.growth)}</td>
                <td class="bars">${bar(item.count, maxField)}${bar(item.previous, maxField, 'bar--previous')}</td>
              </tr>`
            )}</tbody>
          </table></div>
          <p class="legend"><span class="legend__swatch" aria-hidden="true"></span> Năm ${year} <span class="legend__swatch legend__swatch--previous" aria-hidden="true"></span> Năm ${stats.previous.year}</p>`
        )}

        ${section(
          'pheu-xet-duyet',
          'Kết quả xét duyệt qua các cấp',
          funnel.registered === 0
            ? emptyState(`Chưa có mô hình nào được đăng ký năm ${year}.`)
            : html`<ol class="funnel">
            <li class="funnel__row">
              <span class="funnel__label">Đăng ký</span>
              ${bar(funnel.registered, maxFunnel, 'bar--funnel')}
              <span class="funnel__value">${formatNumber(funnel.registered)} mô hình</span>
            </li>
            ${funnel.levels.map(
              (level) => html`
                <li class="funnel__row">
                  <span class="funnel__label">${levelName(level.name)}: đưa vào xét</span>
                  ${bar(level.reached, maxFunnel, 'bar--funnel')}
                  <span class="funnel__value">${formatNumber(level.reached)}</span>
                </li>
                <li class="funnel__row">
                  <span class="funnel__label">${levelName(level.name)}: công nhận</span>
                  ${bar(level.recognised, maxFunnel, 'bar--funnel bar--recognised')}
                  <span class="funnel__value">${formatNumber(level.recognised)}</span>
                </li>`
            )}
          </ol>`
        )}

        <div class="layout layout--even">
          <div class="layout__main">
            ${section(
              'theo-cap-cong-nhan',
              'Theo cấp công nhận',
              stats.byRecognitionLevel.length
                ? html`<ol class="funnel funnel--units">${stats.byRecognitionLevel.map(
                    (item) => html`<li class="funnel__row"><span class="funnel__label">${levelName(item.name)}</span>${bar(item.count, maxLevel)}<span class="funnel__value">${formatNumber(item.count)}</span></li>`
                  )}</ol>`
                : emptyState('Chưa có mô hình được công nhận.')
            )}
          </div>
          <div class="layout__aside">
            ${section(
              'theo-don-vi',
              'Đơn vị đăng ký nhiều nhất',
              topUnits.length
                ? html`<ol class="funnel funnel--units">${topUnits.map(
                    (item) => html`<li class="funnel__row"><span class="funnel__label">${item.name}</span>${bar(item.count, maxUnit)}<span class="funnel__value">${formatNumber(item.count)}</span></li>`
                  )}</ol>`
                : emptyState('Chưa có số liệu.')
            )}
          </div>
        </div>
        <p class="note">Số liệu tính theo đơn vị hiện hành: đơn vị đã sáp nhập được cộng vào đơn vị kế thừa.</p>`,
    };
  }

  function notFoundPage() {
    return {
      title: 'Không tìm thấy trang',
      body: html`<div class="alert" role="alert"><h1>Không tìm thấy trang</h1><p>Đường dẫn không đúng. <a href="${link.home()}">Về trang chủ</a></p></div>`,
    };
  }

  // ---------------------------------------------------------------------------
  // 7. Router and start-up
  // ---------------------------------------------------------------------------

  const ROUTES = [
    [/^\/$/, homePage],
    [/^\/tin-moi$/, latestPage],
    [/^\/chuyen-muc\/([a-z0-9-]+)$/, categoryPage],
    [/^\/tu-khoa\/([a-z0-9-]+)$/, tagPage],
    [/^\/bai-viet\/([a-z0-9-]+)$/, articlePage],
    [/^\/tim-kiem$/, searchPage],
    [/^\/mo-hinh$/, modelsPage],
    [/^\/mo-hinh\/([a-z0-9-]+)$/, modelPage],
    [/^\/thong-ke$/, statisticsPage],
    [/^\/xem-truoc\/bai-viet$/, articlePreviewPage],
    [/^\/xem-truoc\/mo-hinh$/, modelPreviewPage],
  ];

  const main = document.getElementById('main-content');
  const announcer = document.getElementById('announcer');
  let siteReady = null;
  let current = null; // the AbortController of the page being shown
  let firstRender = true;

  /** Goes to a route, e.g. navigate('/tim-kiem', { q: 'dân vận' }). */
  function navigate(path, params) {
    const query = new URLSearchParams(params).toString();
    const hash = `#${path}${query ? `?${query}` : ''}`;
    if (window.location.hash === hash) render(); // same address: no hashchange, so render again
    else window.location.hash = hash;
  }

  /**
   * Highlights the menu: `section` is the link of the section the page belongs
   * to (an article → its category), `here` the address of the page itself,
   * which alone gets aria-current="page".
   */
  function markCurrentNav(section, here) {
    for (const anchor of document.querySelectorAll('.main-nav a')) {
      const href = anchor.getAttribute('href');
      anchor.classList.toggle('is-active', href === section);
      if (href === here) anchor.setAttribute('aria-current', 'page');
      else anchor.removeAttribute('aria-current');
    }
    for (const item of document.querySelectorAll('.main-nav__item')) {
      item.classList.toggle('is-active', Boolean(item.querySelector('a.is-active')));
    }
  }

  function errorView(error) {
    // Trying again helps after a network error, an overload or a rate limit; not after a 404 or a 400.
    const retry = !(error instanceof ApiError) || ![400, 404].includes(error.status);
    return html`<div class="alert" role="alert">
      <h1 class="alert__title">Không tải được nội dung</h1>
      <p>${errorMessage(error)}</p>
      <p>${retry ? html`<button class="button" type="button" data-action="retry">Thử lại</button> ` : ''}<a href="${link.home()}">Về trang chủ</a></p>
    </div>`;
  }

  async function render() {
    const hash = window.location.hash;
    // In-page anchors such as the skip link (#main-content) are not routes.
    if (hash && !hash.startsWith('#/') && !firstRender) return;
    const route = hash.startsWith('#/') ? hash.slice(1) : '/';
    const queryStart = route.indexOf('?');
    const path = queryStart === -1 ? route : route.slice(0, queryStart);
    const params = new URLSearchParams(queryStart === -1 ? '' : route.slice(queryStart + 1));

    if (current) current.abort();
    const controller = new AbortController();
    current = controller;
    const context = { signal: controller.signal, params };

    main.setAttribute('aria-busy', 'true');
    let view;
    try {
      await siteReady;
      const match = ROUTES.map(([pattern, page]) => [path.match(pattern), page]).find(([found]) => found);
      view = match ? await match[1](context, ...match[0].slice(1).map(decodeURIComponent)) : notFoundPage();
    } catch (error) {
      if (error.name === 'AbortError' || controller.signal.aborted) return;
      console.error(error);
      view = { title: 'Lỗi', body: errorView(error) };
    }
    if (controller.signal.aborted) return;

    main.innerHTML = toHtml(view.body);
    sizeBars(main);
    // Which route is on screen (for tests and debugging), e.g. "/bai-viet/<slug>".
    main.dataset.route = route;
    main.removeAttribute('aria-busy');
    document.title = state.site ? `${view.title} | ${state.site.name}` : view.title;
    markCurrentNav(view.nav || null, `#${route}`);
    // The header search box shows the query on the results page only.
    document.getElementById('header-q').value = path === '/tim-kiem' ? (params.get('q') || '').trim() : '';
    announcer.textContent = view.title;
    if (!firstRender) {
      window.scrollTo(0, 0);
      const heading = main.querySelector('h1');
      if (heading) {
        heading.setAttribute('tabindex', '-1');
        heading.focus({ preventScroll: true });
      }
    }
    firstRender = false;
    if (view.after) await view.after(main, context);
  }

  /** Header, navigation and footer from the site and its category tree. */
  async function loadSite() {
    document.getElementById('today').textContent = formatToday();
    document.getElementById('openapi-link').href = `${API_BASE}/openapi.json`;
    const [site, categories] = await Promise.all([api(siteApi()), api(siteApi('/categories'))]);
    state.site = site.data;
    state.categories = categories.data;
    const index = (nodes, parent) => {
      for (const node of nodes) {
        state.categoryIndex.set(node.slug, { node, parent });
        index(node.children, node);
      }
    };
    index(state.categories, null);

    const { name, description, banner, children, parent } = state.site;
    document.getElementById('site-name').textContent = name;
    document.getElementById('site-description').textContent = description;
    document.getElementById('footer-name').textContent = name;
    document.getElementById('footer-description').textContent = description;
    if (banner && assetUrl(banner.url)) {
      const masthead = document.getElementById('masthead');
      masthead.insertAdjacentHTML('afterbegin', toHtml(html`<img class="masthead__banner" src="${assetUrl(banner.url)}" alt="${banner.alt}" width="${banner.width}" height="${banner.height}">`));
    }

    // Sub-sites and the parent site are the same page with another ?site=.
    const siteLink = (code) => `?${new URLSearchParams({ site: code })}`;
    const related = [...(parent ? [parent] : []), ...children];
    if (related.length) {
      const nav = document.getElementById('sub-sites');
      nav.innerHTML = toHtml(html`<ul>${related.map((item) => html`<li><a href="${siteLink(item.code)}">${item.name}</a></li>`)}</ul>`);
      nav.hidden = false;
    }

    const navItem = (node) => html`
      <li class="main-nav__item">
        <a class="main-nav__link" href="${link.category(node.slug)}">${node.name}</a>
        ${node.children.length
          ? html`<ul class="main-nav__sub">${node.children.map((child) => html`<li><a href="${link.category(child.slug)}">${child.name}</a></li>`)}</ul>`
          : ''}
      </li>`;
    document.getElementById('main-nav').innerHTML = toHtml(html`
      <li class="main-nav__item"><a class="main-nav__link" href="${link.home()}">Trang chủ</a></li>
      ${state.categories.map(navItem)}
      <li class="main-nav__item"><a class="main-nav__link" href="${link.models()}">Mô hình</a></li>
      <li class="main-nav__item"><a class="main-nav__link" href="${link.statistics()}">Thống kê</a></li>`);
  }

  // Every form with data-route (header search, filters) becomes a hash navigation.
  document.addEventListener('submit', (event) => {
    const form = event.target.closest('form[data-route]');
    if (!form) return;
    event.preventDefault();
    const params = {};
    for (const [key, value] of new FormData(form)) {
      if (String(value).trim()) params[key] = String(value).trim();
    }
    navigate(form.dataset.route, params);
  });

  /** Loads the site; a failure is shown by the page (render awaits `siteReady`). */
  function startSite() {
    siteReady = loadSite().catch((error) => {
      if (error instanceof ApiError && error.status === 404) {
        document.getElementById('site-name').textContent = `Không tìm thấy trang tin “${SITE}”`;
      }
      throw error;
    });
  }

  document.addEventListener('click', (event) => {
    if (!event.target.closest('[data-action="retry"]')) return;
    if (!state.site) startSite();
    render();
  });

  window.addEventListener('hashchange', render);

  startSite();
  render();
})();
