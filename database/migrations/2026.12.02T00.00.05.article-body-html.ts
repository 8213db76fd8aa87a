/**
 * Article bodies become HTML: the admin now edits them in a visual editor
 * (CKEditor 5), which reads and writes HTML. Converts every stored version
 * (draft and published rows) still in Markdown to the HTML the editor would
 * have written — captioned figures, tables wrapped as the editor wraps them —
 * and recomputes its search text from the same words. Bodies that already are
 * the editor's HTML are left alone, so running it twice changes nothing.
 * Skipped on a new database, where the table does not exist yet.
 */
import type { Knex } from 'knex';

import { isEditorHtml, markdownToArticleHtml } from '../../src/domain/article-html';
import { buildSearchText } from '../../src/domain/text';

type Row = { id: number; body: string; title: string | null; sapo: string | null; author_name: string | null; source_agency: string | null };

const PAGE = 500;

export async function up(knex: Knex): Promise<void> {
  if (!(await knex.schema.hasTable('articles')) || !(await knex.schema.hasColumn('articles', 'body'))) return;
  const hasSearchText = await knex.schema.hasColumn('articles', 'search_text');
  let lastId = 0;
  for (;;) {
    const rows = (await knex('articles')
      .where('id', '>', lastId)
      .whereNotNull('body')
      .orderBy('id')
      .limit(PAGE)
      .select('id', 'body', 'title', 'sapo', 'author_name', 'source_agency')) as Row[];
    if (rows.length === 0) return;
    lastId = rows[rows.length - 1].id;
    for (const row of rows) {
      if (row.body.trim() === '' || isEditorHtml(row.body)) continue;
      const body = markdownToArticleHtml(row.body);
      await knex('articles')
        .where({ id: row.id })
        .update({
          body,
          ...(hasSearchText ? { search_text: buildSearchText([row.title, row.sapo, row.author_name, row.source_agency], [body]) } : {}),
        });
    }
  }
}

export async function down(): Promise<void> {
  // HTML stays: the editor cannot read Markdown back.
}
