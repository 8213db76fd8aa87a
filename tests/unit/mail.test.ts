import { createLogProvider } from '../../src/notifications/mail';
import { backoffMs } from '../../src/notifications/dispatcher';
import { parseSender } from '../../src/bootstrap/password-mail';

describe('mail without an SMTP server', () => {
  it('writes the recipient, subject and text to the log and succeeds', async () => {
    const lines: string[] = [];
    const provider = createLogProvider({ info: (line) => lines.push(line), warn: (line) => lines.push(line) });
    await expect(
      provider.send({ to: 'canbo@xa.vn', subject: 'Đặt lại mật khẩu', text: 'Mở liên kết: https://danvan.vn/dang-ky/?code=abc' })
    ).resolves.toEqual({ logged: true });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('To: canbo@xa.vn | Subject: Đặt lại mật khẩu');
    expect(lines[0]).toContain('https://danvan.vn/dang-ky/?code=abc');
  });

  it('falls back to the HTML without tags when there is no text', async () => {
    const lines: string[] = [];
    await createLogProvider({ info: (line) => lines.push(line), warn: () => undefined }).send({ to: ['a@x.vn', 'b@x.vn'], html: '<p>Xin <b>chào</b></p>' });
    expect(lines[0]).toContain('To: a@x.vn, b@x.vn');
    expect(lines[0]).toMatch(/Xin\s+chào/);
  });
});

describe('retry delays', () => {
  it('doubles from the base delay and stops at the ceiling', () => {
    expect([1, 2, 3, 4, 10].map((attempt) => backoffMs(attempt, 60_000, 6 * 3_600_000))).toEqual([60_000, 120_000, 240_000, 480_000, 6 * 3_600_000]);
  });
});

describe('the configured sender', () => {
  it('reads "Name <address>" and a bare address', () => {
    expect(parseSender('Ban Dân vận Tỉnh ủy <danvan@sonha.vn>')).toEqual({ name: 'Ban Dân vận Tỉnh ủy', email: 'danvan@sonha.vn' });
    expect(parseSender('danvan@sonha.vn')).toEqual({ name: '', email: 'danvan@sonha.vn' });
  });
});
