import { absoluteUrl, excerpt, renderRichText } from '../../src/api/portal/lib/html';

describe('rich text for the news sites', () => {
  const original = process.env.PUBLIC_URL;
  afterEach(() => {
    process.env.PUBLIC_URL = original;
  });

  it('keeps formatting, links and images, and drops anything that can run', () => {
    const html = renderRichText(
      '## Tiêu đề\n\n**Đậm** [trang](https://example.vn) ![ảnh](/uploads/a.png)\n\n<script>x()</script><a href="javascript:y()" onclick="z()">k</a><img src=x onerror=alert(1)><svg onload=alert(2)></svg>'
    );
    expect(html).toContain('<h2>Tiêu đề</h2>');
    expect(html).toContain('<strong>Đậm</strong>');
    expect(html).toContain('href="https://example.vn"');
    expect(html).toContain('<img src="/uploads/a.png" alt="ảnh" loading="lazy" />');
    expect(html).not.toMatch(/script|onclick|onerror|onload|javascript:|<svg/i);
  });

  it('makes uploaded file URLs absolute when PUBLIC_URL is set', () => {
    process.env.PUBLIC_URL = 'https://api.tgdv.sonha.example/';
    expect(absoluteUrl('/uploads/a.png')).toBe('https://api.tgdv.sonha.example/uploads/a.png');
    expect(absoluteUrl('https://cdn.example/a.png')).toBe('https://cdn.example/a.png');
    expect(absoluteUrl('//evil.example/a.png')).toBe('//evil.example/a.png');
    expect(renderRichText('![x](/uploads/b.png)')).toContain('src="https://api.tgdv.sonha.example/uploads/b.png"');
  });

  it('cuts excerpts at a word boundary', () => {
    expect(excerpt('**Một** hai ba bốn năm sáu bảy tám chín mười', 20)).toBe('Một hai ba bốn năm…');
  });
});
