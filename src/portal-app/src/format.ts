/** Dates, times and sizes as Vietnamese readers write them. */
const pad = (n: number) => String(n).padStart(2, '0');

/** "2025-11-30" → "30/11/2025" (a calendar day, no time zone involved). */
export const day = (iso: string | null | undefined) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return match ? `${match[3]}/${match[2]}/${match[1]}` : '';
};

/** An instant as "14:15 04/01/2024" in Vietnam's time (UTC+7, no daylight saving). */
export const dateTime = (iso: string | null | undefined) => {
  if (!iso) return '';
  const at = new Date(new Date(iso).getTime() + 7 * 3_600_000);
  return `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())} ${pad(at.getUTCDate())}/${pad(at.getUTCMonth() + 1)}/${at.getUTCFullYear()}`;
};

export const clock = (at: Date) => dateTime(at.toISOString()).slice(0, 5);

export const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB` : `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('vi-VN')} KB`;

/** Lowercase without diacritics (đ → d), for searching "dan van" in "Dân vận". */
export const plain = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
