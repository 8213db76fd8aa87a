/**
 * A period's registration window, read in Vietnam's time zone: a window
 * ending on 2026-12-02 stays open until 23:59:59 on that day in Hà Nội
 * (16:59:59 UTC), and one starting on a day opens at 00:00 there. Pure: the
 * server enforces it and the admin panel may show it.
 */
export const PROVINCE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: PROVINCE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day (YYYY-MM-DD) in Vietnam at an instant. */
export const vietnamDay = (at: Date): string => dayFormat.format(at);

export type RegistrationWindow = { registrationStart: string | null; registrationEnd: string | null };

/** Whether registration is open at an instant; both dates are whole local days, and missing ones do not bound. */
export function windowState(period: RegistrationWindow, at: Date): 'open' | 'not_open' | 'closed' {
  const day = vietnamDay(at);
  if (period.registrationStart && day < period.registrationStart.slice(0, 10)) return 'not_open';
  if (period.registrationEnd && day > period.registrationEnd.slice(0, 10)) return 'closed';
  return 'open';
}
