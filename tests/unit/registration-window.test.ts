import { vietnamDay, windowState } from '../../src/plugins/review/shared/registration-window';

describe('registration windows in Asia/Ho_Chi_Minh', () => {
  const period = { registrationStart: '2026-03-01', registrationEnd: '2026-12-02' };

  it('keeps a window open for the whole last local day, and closes it at local midnight', () => {
    // 16:59:59 UTC is 23:59:59 in Hà Nội on the last day; a UTC date would also say open here.
    expect(windowState(period, new Date('2026-12-02T16:59:59Z'))).toBe('open');
    // 17:00 UTC is midnight of the next local day: closed, although it is still 2 December in UTC.
    expect(vietnamDay(new Date('2026-12-02T17:00:00Z'))).toBe('2026-12-03');
    expect(windowState(period, new Date('2026-12-02T17:00:00Z'))).toBe('closed');
  });

  it('opens at local midnight of the first day, before it is that day in UTC', () => {
    expect(windowState(period, new Date('2026-02-28T16:59:59Z'))).toBe('not_open');
    expect(windowState(period, new Date('2026-02-28T17:00:00Z'))).toBe('open');
  });

  it('does not bound a window without dates', () => {
    expect(windowState({ registrationStart: null, registrationEnd: null }, new Date('2030-01-01T00:00:00Z'))).toBe('open');
  });
});
