/**
 * Evidence files become private: they leave the public media library
 * (`public/uploads`, served to anyone with the URL, listed to every admin
 * with the media permission) for a private store that only the review's
 * authorised routes read (src/plugins/review/server/src/services/evidence.ts).
 *
 * Strapi runs this before it synchronises the schema, so on a new database
 * no table exists yet: the table is created here (it is not a Strapi content
 * type, on purpose — nothing in the admin can list or edit it), and the move
 * runs only where the old media-library shape exists. Idempotent: a moved
 * file leaves no trace in the media library to be moved again.
 */
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';

import type { Knex } from 'knex';

export const EVIDENCE_TABLE = 'dvk_evidence_files';

// Compiled to dist/database/migrations: the app root is three levels up.
const APP_ROOT = path.resolve(__dirname, '..', '..', '..');
const evidenceDir = () => path.resolve(APP_ROOT, process.env.EVIDENCE_DIR || 'private/evidence');
const uploadsDir = () => path.join(APP_ROOT, 'public', 'uploads');

export async function createEvidenceTable(knex: Knex): Promise<void> {
  if (await knex.schema.hasTable(EVIDENCE_TABLE)) return;
  await knex.schema.createTable(EVIDENCE_TABLE, (table) => {
    table.increments('id');
    table.integer('initiative_id').notNullable().index(`${EVIDENCE_TABLE}_initiative_idx`);
    table.string('name', 255).notNullable();
    table.string('ext', 10).notNullable();
    table.string('mime', 100).notNullable();
    table.bigInteger('size').notNullable();
    table.string('sha256', 64).notNullable();
    table.string('storage_key', 64).notNullable().unique();
    table.string('uploaded_by_type', 10);
    table.integer('uploaded_by_id');
    table.string('uploaded_by_name', 255);
    table.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
  });
}

type OldEvidence = { fileId: number; initiativeId: number; name: string; ext: string | null; mime: string; size: number; url: string; formats: unknown };

async function oldEvidence(knex: Knex): Promise<OldEvidence[]> {
  for (const table of ['files', 'files_related_mph', 'initiatives']) {
    if (!(await knex.schema.hasTable(table))) return [];
  }
  return (await knex('files_related_mph as r')
    .join('files as f', 'f.id', 'r.file_id')
    .where({ 'r.related_type': 'api::initiative.initiative', 'r.field': 'evidence' })
    .select({
      fileId: 'f.id',
      initiativeId: 'r.related_id',
      name: 'f.name',
      ext: 'f.ext',
      mime: 'f.mime',
      size: 'f.size',
      url: 'f.url',
      formats: 'f.formats',
    })) as OldEvidence[];
}

/** Public copies of a media file: the original and its generated formats (thumbnails ...). */
function publicCopies(file: OldEvidence): string[] {
  const formats = typeof file.formats === 'string' ? (JSON.parse(file.formats) as Record<string, { url?: string }>) : (file.formats as Record<string, { url?: string }> | null);
  const urls = [file.url, ...Object.values(formats ?? {}).map((format) => format.url)];
  return urls
    .filter((url): url is string => typeof url === 'string' && url.startsWith('/uploads/'))
    .map((url) => path.join(uploadsDir(), path.basename(url)));
}

export async function up(knex: Knex): Promise<void> {
  await createEvidenceTable(knex);
  const files = await oldEvidence(knex);
  if (files.length === 0) return;
  fs.mkdirSync(evidenceDir(), { recursive: true });
  const toRemove: string[] = [];
  for (const file of files) {
    const [source] = publicCopies(file);
    const key = crypto.randomBytes(24).toString('hex');
    let sha256 = '';
    let size = Math.round(Number(file.size) * 1024);
    if (source && fs.existsSync(source)) {
      const bytes = fs.readFileSync(source);
      fs.writeFileSync(path.join(evidenceDir(), key), bytes, { mode: 0o600 });
      sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
      size = bytes.length;
    }
    // A row whose bytes were already gone stays listed (size 0 would hide that), and its download answers 404.
    await knex(EVIDENCE_TABLE).insert({
      initiative_id: file.initiativeId,
      name: file.name,
      ext: (file.ext ?? '').replace(/^\./, '').slice(0, 10),
      mime: file.mime,
      size,
      sha256,
      storage_key: key,
      uploaded_by_type: 'migration',
      uploaded_by_name: 'Chuyển từ thư viện media',
    });
    await knex('files_related_mph').where({ file_id: file.fileId }).del();
    if (await knex.schema.hasTable('files_folder_lnk')) await knex('files_folder_lnk').where({ file_id: file.fileId }).del();
    await knex('files').where({ id: file.fileId }).del();
    toRemove.push(...publicCopies(file));
  }
  for (const copy of toRemove) fs.rmSync(copy, { force: true });
}

export async function down(): Promise<void> {
  throw new Error('Evidence files are not moved back to the public media library.');
}
