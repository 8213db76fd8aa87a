import { htmlToPlainText, isEditorHtml, markdownToArticleHtml } from '../../src/domain/article-html';
import { articleExcerpt, renderArticleHtml } from '../../src/api/portal/lib/html';
import { buildSearchText } from '../../src/domain/text';

const LEGACY = [
  'Đoạn mở đầu **quan trọng**.',
  '![Hội nghị tổng kết](/uploads/hoi_nghi.png)\n*Ảnh minh họa: Trần An/Báo Sơn Hà*',
  '| Năm | Số mô hình |\n| --- | --- |\n| 2023 | 4.365 |',
  '> Nguồn: Ban Dân vận & Mặt trận',
].join('\n\n');

describe('article bodies: Markdown of earlier versions converted to the editor’s HTML', () => {
  it('turns an image with an emphasised line under it into a captioned figure, and wraps tables as the editor does', () => {
    const html = markdownToArticleHtml(LEGACY);
    expect(html).toContain('<figure class="image"><img src="/uploads/hoi_nghi.png" alt="Hội nghị tổng kết"><figcaption>Ảnh minh họa: Trần An/Báo Sơn Hà</figcaption></figure>');
    expect(html).toContain('<figure class="table"><table>');
    expect(html).toContain('<td>4.365</td>');
    expect(html).toContain('<blockquote>');
    expect(isEditorHtml(html)).toBe(true);
    expect(isEditorHtml(LEGACY)).toBe(false);
  });

  it('keeps a paragraph with text around an image as a paragraph', () => {
    expect(markdownToArticleHtml('Xem ảnh ![a](/uploads/a.png) bên dưới')).toMatch(/^<p>Xem ảnh <img/);
  });

  it('reduces HTML to its words for search, decoding entities', () => {
    expect(htmlToPlainText('<p>Dân&nbsp;vận&amp;khéo</p><figure class="table"><table><tr><td>2023</td><td>Xã</td></tr></table></figure>')).toBe(
      'Dân vận&khéo 2023 Xã'
    );
    expect(buildSearchText(['Tiêu đề'], ['<p>Đường <strong>làng</strong></p><figure><figcaption>Ảnh: Lò Văn Páo</figcaption></figure>'])).toBe(
      'tieu de duong lang anh lo van pao'
    );
  });
});

describe('article bodies sent to the news sites', () => {
  it('keeps tables, captioned figures and formatting from the editor', () => {
    const html = renderArticleHtml(
      '<h2>Kết quả</h2><figure class="table"><table><thead><tr><th scope="col">Năm</th></tr></thead><tbody><tr><td colspan="2">4.365</td></tr></tbody></table></figure>' +
        '<figure class="image image-style-side"><img src="/uploads/a.png" alt="Ảnh"><figcaption>Chú thích (Ảnh: Hà Linh)</figcaption></figure><blockquote><p><s>cũ</s> <u>mới</u></p></blockquote>'
    );
    expect(html).toContain('<h2>Kết quả</h2>');
    expect(html).toContain('<figure class="table"><table><thead><tr><th scope="col">Năm</th></tr></thead><tbody><tr><td colspan="2">4.365</td>');
    expect(html).toContain('<figure class="image image-style-side"><img src="/uploads/a.png" alt="Ảnh" loading="lazy" /><figcaption>Chú thích (Ảnh: Hà Linh)</figcaption></figure>');
    expect(html).toContain('<s>cũ</s> <u>mới</u>');
  });

  it('drops scripts, event handlers, javascript: links, styles, foreign classes and every iframe', () => {
    const html = renderArticleHtml(
      '<p style="color:red" class="MsoNormal" onclick="x()">Chữ<script>alert(1)</script></p>' +
        '<p><a href="javascript:alert(2)">a</a><a href="JaVaScRiPt:alert(3)">b</a><img src="data:image/png;base64,AAAA" onerror="alert(4)"></p>' +
        '<iframe src="https://evil.example/x"></iframe><iframe src="/uploads/x.html"></iframe><figure class="image evil"><svg onload="alert(5)"></svg></figure>'
    );
    expect(html).toContain('<p>Chữ</p>');
    expect(html).not.toMatch(/script|onclick|onerror|onload|javascript:|style=|Mso|<iframe|<svg|data:|evil/i);
  });

  it('still renders a Markdown body that was not converted, through the same policy', () => {
    expect(renderArticleHtml(LEGACY)).toContain('<figcaption>Ảnh minh họa: Trần An/Báo Sơn Hà</figcaption>');
    expect(renderArticleHtml('<script>alert(1)</script>\n\nChữ')).not.toContain('script');
  });

  it('makes excerpts of HTML bodies without markup', () => {
    expect(articleExcerpt('<p>Một <strong>hai</strong> ba bốn năm sáu bảy tám chín mười</p>', 20)).toBe('Một hai ba bốn năm…');
  });
});
