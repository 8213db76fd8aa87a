import { buildSearchText, markdownToPlainText, normalizeForSearch, toSlug } from '../../src/domain/text';

describe('Vietnamese text normalisation', () => {
  it('lets "dan van kheo" match "Dân vận khéo"', () => {
    expect(normalizeForSearch('Dân vận khéo')).toBe('dan van kheo');
    expect(normalizeForSearch('  DÂN   VẬN\tKHÉO! ')).toBe('dan van kheo');
  });

  it('maps đ and Đ to d, and every tone and vowel mark away', () => {
    expect(normalizeForSearch('Đường đến Ủy ban, Ưu tiên, Ơn, Ấp, Ỷ Lại')).toBe('duong den uy ban uu tien on ap y lai');
  });

  it('makes slugs without diacritics, đ → d, hyphen-separated', () => {
    expect(toSlug('Đồng chí Bí thư: "Dân vận khéo" — 100% hộ dân đồng thuận!')).toBe('dong-chi-bi-thu-dan-van-kheo-100percent-ho-dan-dong-thuan');
    expect(toSlug('Đắk Lắk')).toBe('dak-lak');
  });

  it('cuts long slugs at a word boundary', () => {
    const slug = toSlug('mô hình '.repeat(40), 30);
    expect(slug.length).toBeLessThanOrEqual(30);
    expect(slug.endsWith('-')).toBe(false);
    // Cut between words, never inside one.
    expect(slug.split('-').every((word) => word === 'mo' || word === 'hinh')).toBe(true);
  });

  it('reduces Markdown and HTML to words for the index', () => {
    expect(normalizeForSearch(markdownToPlainText('## Kết quả\n**120** hộ [xem](http://x.vn) ![ảnh đẹp](a.png) <b>tốt</b>'))).toBe(
      'ket qua 120 ho xem anh dep tot'
    );
    expect(buildSearchText(['Tiêu đề', null, ''], ['*Nội dung*'])).toBe('tieu de noi dung');
  });
});
