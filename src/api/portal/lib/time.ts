/** Vietnam has used UTC+7 all year since 1975, so the offset is a constant. */
const OFFSET_MS = 7 * 60 * 60 * 1000;

/** ISO 8601 in Asia/Ho_Chi_Minh, e.g. "2024-01-04T14:15:00+07:00"; null stays null. */
export function toVietnamIso(value: string | Date | null | undefined): string | null {
  if (!value) return null;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  return new Date(date.getTime() + OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, '+07:00');
}

/** The Vietnamese calendar day (YYYY-MM-DD) of an instant. */
export function vietnamDay(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The UTC instants bounding a Vietnamese calendar day (YYYY-MM-DD), for "browse by date". */
export function vietnamDayBounds(day: string): { start: Date; end: Date } {
  const start = new Date(`${day}T00:00:00+07:00`);
  return { start, end: new Date(start.getTime() + 24 * 60 * 60 * 1000) };
}
