/**
 * Article bodies are HTML written by the visual editor (CKEditor 5). This
 * module converts the Markdown bodies of earlier versions into the same HTML
 * (images followed by an emphasised line become captioned figures, as the
 * editor writes them), and reduces HTML to text for search.
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

type Token = MarkdownIt.Token;

const markdown = new MarkdownIt({ html: true, linkify: true, breaks: false });

/** A paragraph holding only an image, optionally followed by a line in emphasis, is a figure with its caption. */
function figureRule(state: { tokens: Token[] }): void {
  const tokens = state.tokens;
  for (let i = 0; i + 2 < tokens.length; i += 1) {
    const open = tokens[i];
    const inline = tokens[i + 1];
    const close = tokens[i + 2];
    if (open.type !== 'paragraph_open' || inline.type !== 'inline' || close.type !== 'paragraph_close') continue;
    const children = (inline.children ?? []).filter((child) => !(child.type === 'text' && child.content.trim() === ''));
    if (children[0]?.type !== 'image') continue;
    const rest = children.slice(1).filter((child) => child.type !== 'softbreak');
    const isCaption = rest.length === 0 || (rest[0].type === 'em_open' && rest[rest.length - 1].type === 'em_close');
    if (!isCaption) continue;
    open.tag = 'figure';
    open.attrSet('class', 'image');
    close.tag = 'figure';
    if (rest.length > 0) {
      rest[0].tag = 'figcaption';
      rest[rest.length - 1].tag = 'figcaption';
    }
    inline.children = [children[0], ...rest];
  }
}
markdown.core.ruler.push('dvk_figures', figureRule);

/** Tables the editor writes are wrapped in a figure. */
markdown.renderer.rules.table_open = () => '<figure class="table"><table>\n';
markdown.renderer.rules.table_close = () => '</table></figure>\n';

/** HTML of a Markdown body, shaped as the visual editor shapes it (not sanitised: sanitising happens on output). */
export function markdownToArticleHtml(source: string): string {
  return markdown.render(source).trim();
}

/**
 * Whether a stored body is already HTML from the editor: its first non-blank
 * character opens one of the block elements the editor writes. Markdown bodies
 * of earlier versions start with text, a heading mark or an image.
 */
export function isEditorHtml(source: string): boolean {
  return /^\s*<(p|h[1-6]|figure|ul|ol|blockquote|table|hr|div|pre)[\s>]/i.test(source);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Plain text of HTML, block elements separated by spaces, entities decoded. */
export function htmlToPlainText(html: string): string {
  const text = sanitizeHtml(html.replace(/<\/(p|h[1-6]|li|td|th|figcaption|blockquote|div)>|<br\s*\/?>/gi, '$& '), {
    allowedTags: [],
    allowedAttributes: {},
  });
  return text.replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, name: string) => ENTITIES[name]).replace(/\s+/g, ' ').trim();
}
