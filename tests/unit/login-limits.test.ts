import { RateLimiterMemory } from 'rate-limiter-flexible';

import { addressKey, checkLoginLimitsConfig, take } from '../../src/domain/login-limits';
import { createDummyCompare } from '../../src/domain/login-timing';

describe('addressKey', () => {
  it('keeps IPv4 addresses, and unwraps IPv4-mapped IPv6', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts IPv6 clients per /64, however the address is written', () => {
    expect(addressKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:DB8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002::ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('64:ff9b::203.0.113.7')).toBe('64:ff9b:0:0::/64');
  });

  it('never gives an empty key', () => {
    expect(addressKey('')).toBe('unknown');
  });
});

describe('checkLoginLimitsConfig', () => {
  const valid = { account: { points: 10, durationSeconds: 900 }, address: { points: 100, durationSeconds: 900 } };

  it('accepts positive whole numbers', () => {
    expect(checkLoginLimitsConfig(valid)).toBe(valid);
  });

  it('names the variable to fix', () => {
    expect(() => checkLoginLimitsConfig({ ...valid, address: { points: Number.NaN, durationSeconds: 900 } })).toThrow(/LOGIN_ADDRESS_MAX_ATTEMPTS/);
    expect(() => checkLoginLimitsConfig({ ...valid, account: { points: 10, durationSeconds: 0 } })).toThrow(/LOGIN_ACCOUNT_WINDOW_SECONDS/);
  });
});

describe('take', () => {
  it('answers null within the budget, then the whole seconds to wait', async () => {
    const limiter = new RateLimiterMemory({ points: 2, duration: 60 });
    expect(await take(limiter, 'k')).toBeNull();
    expect(await take(limiter, 'k')).toBeNull();
    const wait = await take(limiter, 'k');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
  });
});

describe('createDummyCompare', () => {
  it('hashes once and compares every password, strings or not, against that hash', async () => {
    const hash = jest.fn(async (password: string) => `hash-of-${password.length}`);
    const compare = jest.fn(async () => false);
    const dummy = createDummyCompare(hash);
    await dummy.prime();
    await dummy.run('mat-khau', compare);
    await dummy.run(undefined, compare);
    expect(hash).toHaveBeenCalledTimes(1);
    expect(compare).toHaveBeenNthCalledWith(1, 'mat-khau', 'hash-of-32');
    expect(compare).toHaveBeenNthCalledWith(2, '', 'hash-of-32');
  });

  it('tries again after a failed hash', async () => {
    const hash = jest.fn<Promise<string>, [string]>().mockRejectedValueOnce(new Error('busy')).mockResolvedValue('h');
    const dummy = createDummyCompare(hash);
    await expect(dummy.prime()).rejects.toThrow('busy');
    await dummy.prime();
    expect(hash).toHaveBeenCalledTimes(2);
  });
});
