/** Dates and numbers as Vietnamese readers write them: 04/01/2024, 14:15 04/01/2024, 1.234. */
const date = new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' });
const time = new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Ho_Chi_Minh' });
const number = new Intl.NumberFormat('vi-VN');

export const formatDate = (value: string | null | undefined) => (value ? date.format(new Date(value.length === 10 ? `${value}T00:00:00+07:00` : value)) : '—');
export const formatDateTime = (value: string | null | undefined) =>
  value ? `${time.format(new Date(value))} ${date.format(new Date(value))}` : '—';
export const formatNumber = (value: number) => number.format(value);

export const SUBJECT_LABELS: Record<string, string> = { collective: 'Tập thể', individual: 'Cá nhân' };
export const ORIGIN_LABELS: Record<string, string> = { new: 'Xây dựng mới', replicated: 'Nhân rộng', continuing: 'Duy trì' };
export const RESULT_LABELS: Record<string, string> = { met: 'Đạt', not_met: 'Không đạt', not_applicable: 'Không áp dụng' };

/** The server's address the admin talks to (Strapi sets it on window.strapi). */
export const backendUrl = () => (window.strapi as unknown as { backendURL?: string }).backendURL ?? '';
/** An absolute address for a media URL the upload plugin stored (relative for the local provider). */
export const absoluteUrl = (url: string) => (/^https?:\/\//.test(url) ? url : `${backendUrl()}${url}`);
