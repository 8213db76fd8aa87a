import fs from 'fs';
import path from 'path';

import { blockedWordsIn, checkToken, cleanText, commentSettings, countLinks, issueToken, textToHtml } from '../../src/api/portal/lib/comment-rules';
import { COMMENT_MESSAGES_VI } from '../../src/plugins/review/admin/src/pages/comments-messages';

const settings = { secret: 's3cret', minSeconds: 3, tokenTtlSeconds: 600 };
const NOW = Date.UTC(2026, 11, 2, 8, 0, 0);

describe('comment form token', () => {
  it('accepts a token of the article once the minimum time has passed, until it expires', () => {
    const token = issueToken(settings, 'bai-viet', NOW);
    expect(checkToken(settings, token, 'bai-viet', NOW + 3000)).toEqual({ ok: true });
    expect(checkToken(settings, token, 'bai-viet', NOW + 600_000)).toEqual({ ok: true });
    expect(checkToken(settings, token, 'bai-viet', NOW + 1000)).toEqual({ ok: false, reason: 'too-fast', waitSeconds: 2 });
    expect(checkToken(settings, token, 'bai-viet', NOW + 600_001)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token of another article, another secret, or with a changed time', () => {
    const token = issueToken(settings, 'bai-viet', NOW);
    expect(checkToken(settings, token, 'bai-khac', NOW + 5000)).toMatchObject({ reason: 'invalid' });
    expect(checkToken({ ...settings, secret: 'other' }, token, 'bai-viet', NOW + 5000)).toMatchObject({ reason: 'invalid' });
    const [, nonce, signature] = token.split('.');
    const older = `${(NOW - 10_000).toString(36)}.${nonce}.${signature}`;
    expect(checkToken(settings, older, 'bai-viet', NOW + 1000)).toMatchObject({ reason: 'invalid' });
    expect(checkToken(settings, 'garbage', 'bai-viet', NOW)).toMatchObject({ reason: 'invalid' });
  });
});

describe('comment content rules', () => {
  it('counts links with or without a scheme, and e-mail addresses', () => {
    expect(countLinks('Mô hình "Dân vận khéo" rất hay. Năm 2023 tăng 3.5%; TP.HCM')).toBe(0);
    expect(countLinks('xem https://a.example.com/x và www.b.vn')).toBe(2);
    expect(countLinks('bit.ly/abc, shop.vn, lienhe@spam.vn')).toBe(3);
  });

  it('finds blocked words without case or diacritics, as whole words only', () => {
    const blocked = commentSettings({ APP_KEYS: 'k', COMMENT_BLOCKED_WORDS: 'cờ bạc, Lừa đảo ,' }).blockedWords;
    expect(blocked).toEqual(['co bac', 'lua dao']);
    expect(blockedWordsIn('Chơi CỜ BẠC online', blocked)).toEqual(['co bac']);
    expect(blockedWordsIn('Cẩn thận kẻo bị lua dao!', blocked)).toEqual(['lua dao']);
    // Compared without diacritics on purpose (spam drops them): choose words that stay unambiguous without them.
    expect(blockedWordsIn('cô bác trong xóm', blocked)).toEqual(['co bac']);
    expect(blockedWordsIn('Cờ bạcxyz', blocked)).toEqual([]);
  });

  it('cleans control characters and extra blank lines, and escapes the text as HTML', () => {
    expect(cleanText('  Xin chào\u0000\u202e\r\n\r\n\r\n\r\nbạn  \n')).toBe('Xin chào\n\nbạn');
    expect(textToHtml('<b>Đậm</b> & "x"\ndòng 2\n\nđoạn 2')).toBe('<p>&lt;b&gt;Đậm&lt;/b&gt; &amp; &quot;x&quot;<br>dòng 2</p><p>đoạn 2</p>');
  });

  it('reads its settings from the environment and names a bad variable', () => {
    const defaults = commentSettings({ APP_KEYS: 'a,b' });
    expect(defaults).toMatchObject({ minSeconds: 3, maxLinks: 2, maxLength: 2000, address: { points: 5, durationSeconds: 600 } });
    expect(defaults.secret).not.toBe('');
    expect(commentSettings({ APP_KEYS: 'a,b', COMMENT_TOKEN_SECRET: 'x' }).secret).toBe('x');
    expect(() => commentSettings({ APP_KEYS: 'a', COMMENT_MIN_SECONDS: 'abc' })).toThrow(/COMMENT_MIN_SECONDS/);
  });
});

describe('moderation page translations', () => {
  const read = (locale: string) =>
    JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../src/plugins/review/admin/src/translations', `${locale}.json`), 'utf8')) as Record<string, string>;

  it('has every text of the page in vi.json (as the defaults) and en.json', () => {
    const vi = read('vi');
    const en = read('en');
    for (const [key, text] of Object.entries(COMMENT_MESSAGES_VI)) {
      expect([key, vi[key]]).toEqual([key, text]);
      expect([key, typeof en[key] === 'string' && en[key] !== '']).toEqual([key, true]);
    }
  });
});
