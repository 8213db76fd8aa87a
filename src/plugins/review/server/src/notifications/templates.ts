/**
 * The Vietnamese wording of every notification: a title and a body for the
 * inboxes, and the e-mail built from them with a link to where the person
 * acts — the model page of the admin panel for reviewers and the leadership,
 * the registration app (/dang-ky/) for unit officers.
 */
import type { NotificationKind } from '../../../shared/notifications';

export type RecipientType = 'admin' | 'officer';

export type Rendered = { title: string; body: string; link: string | null };

export type Email = { subject: string; text: string; html: string };

/** dd/mm/yyyy from an ISO day (YYYY-MM-DD...). */
export const formatDay = (day: string): string => {
  const [year, month, date] = day.slice(0, 10).split('-');
  return `${date}/${month}/${year}`;
};

const quote = (title: string) => `«${title}»`;

const withReason = (text: string, reason: string | null) => (reason ? `${text} Lý do: ${reason}` : text);

export type LinkBase = { baseUrl: string };

/** Where a person opens a model: the admin model page, or the model in the registration app. */
export const modelLink = (base: LinkBase, type: RecipientType, documentId: string): string =>
  type === 'admin'
    ? `${base.baseUrl}/admin/plugins/review/models/${encodeURIComponent(documentId)}`
    : `${base.baseUrl}/dang-ky/#/mo-hinh/${encodeURIComponent(documentId)}`;

export const adminQueueLink = (base: LinkBase) => `${base.baseUrl}/admin/plugins/review`;
export const portalHomeLink = (base: LinkBase) => `${base.baseUrl}/dang-ky/#/`;
export const batchLink = (base: LinkBase) => `${base.baseUrl}/admin/plugins/review/batch`;

export type TransitionFacts = {
  title: string;
  ownerUnitName: string;
  periodName: string;
  actorUnitName: string;
  /** The level the model now stands at (entered, or where it was decided). */
  levelName: string | null;
  reason: string | null;
};

/** A transition's notification for one kind. */
export function renderTransition(kind: NotificationKind, facts: TransitionFacts): Omit<Rendered, 'link'> {
  const { title, ownerUnitName, periodName, actorUnitName, levelName, reason } = facts;
  const level = levelName ?? 'cấp xét duyệt';
  switch (kind) {
    case 'registered':
      return {
        title: `Mô hình mới chờ xét duyệt: ${quote(title)}`,
        body: `${ownerUnitName} đã đăng ký mô hình ${quote(title)} (${periodName}). Mô hình đang chờ ${level} xét duyệt.`,
      };
    case 'proposal_received':
      return {
        title: `Mô hình được đề nghị lên ${level}: ${quote(title)}`,
        body: `${actorUnitName} đề nghị ${level} xét công nhận mô hình ${quote(title)} của ${ownerUnitName} (${periodName}).`,
      };
    case 'returned':
      return {
        title: `Mô hình ${quote(title)} được trả lại để bổ sung`,
        body: withReason(`${actorUnitName} trả lại mô hình ${quote(title)} để đơn vị bổ sung, rồi đăng ký lại.`, reason),
      };
    case 'not_recognized':
      return {
        title: `Mô hình ${quote(title)} không được công nhận`,
        body: withReason(`${actorUnitName} không công nhận mô hình ${quote(title)} ở ${level}.`, reason),
      };
    case 'recognized':
      return {
        title: `Mô hình ${quote(title)} được công nhận ở ${level}`,
        body: `${actorUnitName} đã công nhận mô hình ${quote(title)} của ${ownerUnitName} ở ${level} (${periodName}).`,
      };
    case 'proposed':
      return {
        title: `Mô hình ${quote(title)} được đề nghị lên ${level}`,
        body: `${actorUnitName} đã đề nghị ${level} xét công nhận mô hình ${quote(title)} của đơn vị.`,
      };
    default:
      throw new Error(`Not a transition notification: ${kind}`);
  }
}

export type BatchFacts = { number: string; date: string; signer: string; models: Array<{ title: string }> };

export function renderBatchForOwner(facts: BatchFacts, model: { title: string }): Omit<Rendered, 'link'> {
  return {
    title: `Mô hình ${quote(model.title)} được công nhận theo Quyết định số ${facts.number}`,
    body: `Mô hình ${quote(model.title)} của đơn vị được công nhận theo Quyết định số ${facts.number} ngày ${formatDay(facts.date)} (${facts.signer} ký).`,
  };
}

export function renderBatchForLeadership(facts: BatchFacts): Omit<Rendered, 'link'> {
  const list = facts.models.map((model) => quote(model.title)).join('; ');
  return {
    title: `Đã ban hành Quyết định công nhận số ${facts.number} (${facts.models.length} mô hình)`,
    body: `Quyết định số ${facts.number} ngày ${formatDay(facts.date)} (${facts.signer} ký) công nhận ${facts.models.length} mô hình: ${list}.`,
  };
}

export function renderDeadline(facts: { periodName: string; end: string; daysLeft: number; drafts: number }): Omit<Rendered, 'link'> {
  const when = facts.daysLeft === 0 ? 'hôm nay' : `sau ${facts.daysLeft} ngày`;
  return {
    title: `Hạn đăng ký mô hình ${facts.periodName} kết thúc ${when} (${formatDay(facts.end)})`,
    body: `Đơn vị còn ${facts.drafts} mô hình ở trạng thái nháp trong ${facts.periodName}. Hạn đăng ký kết thúc ngày ${formatDay(facts.end)}; mô hình chưa đăng ký trước hạn sẽ không được xét.`,
  };
}

export function renderWaiting(facts: { days: number; models: Array<{ title: string; waitingDays: number }> }): Omit<Rendered, 'link'> {
  const list = facts.models
    .slice(0, 20)
    .map((model) => `${quote(model.title)} (${model.waitingDays} ngày)`)
    .join('; ');
  const more = facts.models.length > 20 ? ` và ${facts.models.length - 20} mô hình khác` : '';
  return {
    title: `${facts.models.length} mô hình chờ xét duyệt quá ${facts.days} ngày`,
    body: `Các mô hình đang chờ đơn vị xét duyệt quá ${facts.days} ngày: ${list}${more}.`,
  };
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const FOOTER = 'Bạn nhận email này từ hệ thống "Dân vận khéo". Có thể tắt từng loại thông báo hoặc chọn nhận email tổng hợp mỗi ngày trong mục Thông báo.';

/** The e-mail of one notification. */
export function toEmail(rendered: Rendered): Email {
  const text = [rendered.body, rendered.link ? `Xem chi tiết: ${rendered.link}` : null, '', '--', FOOTER].filter((line) => line !== null).join('\n');
  const html = [
    '<!doctype html><html lang="vi"><body style="font-family:Arial,sans-serif;line-height:1.5;color:#1f2933">',
    `<p>${escapeHtml(rendered.body)}</p>`,
    rendered.link ? `<p><a href="${escapeHtml(rendered.link)}">Xem chi tiết</a></p>` : '',
    `<p style="color:#616e7c;font-size:12px">${escapeHtml(FOOTER)}</p>`,
    '</body></html>',
  ].join('');
  return { subject: rendered.title, text, html };
}

/** One daily e-mail with every notification held for a person. */
export function toDigestEmail(day: string, items: Array<{ subject: string; text: string }>): Email {
  const subject = `Tổng hợp ${items.length} thông báo ngày ${formatDay(day)}`;
  const blocks = items.map((item, index) => `${index + 1}. ${item.subject}\n${item.text.split('\n--\n')[0].trim()}`);
  const text = [`Các thông báo của bạn trong ngày ${formatDay(day)}:`, '', ...blocks.flatMap((block) => [block, '']), '--', FOOTER].join('\n');
  const html = [
    '<!doctype html><html lang="vi"><body style="font-family:Arial,sans-serif;line-height:1.5;color:#1f2933">',
    `<p>Các thông báo của bạn trong ngày ${formatDay(day)}:</p><ol>`,
    ...items.map((item) => `<li><strong>${escapeHtml(item.subject)}</strong><br>${escapeHtml(item.text.split('\n--\n')[0].trim()).replace(/\n/g, '<br>')}</li>`),
    `</ol><p style="color:#616e7c;font-size:12px">${escapeHtml(FOOTER)}</p></body></html>`,
  ].join('');
  return { subject, text, html };
}
