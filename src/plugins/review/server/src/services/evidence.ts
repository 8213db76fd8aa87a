/**
 * Evidence files (minh chứng) of a model: private, never in the public media
 * library. Bytes live under EVIDENCE_DIR (default `private/evidence`), named
 * by a random key; metadata lives in `dvk_evidence_files` (created by
 * database/migrations), which is not a content type, so neither the Content
 * Manager nor the Media Library can list or edit it. Only the review's
 * authorised routes read a file, and they send it as an attachment.
 *
 * The type is decided by the file's bytes (magic numbers), never by its name
 * or the type the client declared: an HTML page named `report.pdf` is refused.
 */
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';

import type { Core } from '@strapi/strapi';
import { fromFile as fileTypeOf } from 'file-type';

import { badRequest, notFound, tooLarge } from '../errors';
import { messages } from '../messages';

export const EVIDENCE_TABLE = 'dvk_evidence_files';

const MiB = 1024 * 1024;

type Allowed = { mime: string; maxBytes: number; label: string };

/** What evidence may be: the only types accepted, each with its size limit. */
export const EVIDENCE_TYPES: Record<string, Allowed> = {
  pdf: { mime: 'application/pdf', maxBytes: 20 * MiB, label: 'PDF' },
  jpg: { mime: 'image/jpeg', maxBytes: 10 * MiB, label: 'JPEG' },
  png: { mime: 'image/png', maxBytes: 10 * MiB, label: 'PNG' },
  webp: { mime: 'image/webp', maxBytes: 10 * MiB, label: 'WebP' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', maxBytes: 20 * MiB, label: 'Word (DOCX)' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', maxBytes: 20 * MiB, label: 'Excel (XLSX)' },
  mp4: { mime: 'video/mp4', maxBytes: 50 * MiB, label: 'MP4' },
};

export const MAX_EVIDENCE_FILES = Number(process.env.EVIDENCE_MAX_FILES ?? 30);

/** A file as the multipart parser left it in a temporary folder. */
export type IncomingFile = { filepath: string; originalFilename?: string | null; size: number };

export type EvidenceUploader = { type: 'officer' | 'admin'; id: number; name: string };

type Row = {
  id: number;
  initiative_id: number;
  name: string;
  ext: string;
  mime: string;
  size: number | string;
  sha256: string;
  storage_key: string;
  uploaded_by_type: string | null;
  uploaded_by_name: string | null;
  created_at: string | Date;
};

export type EvidenceFile = { id: number; name: string; ext: string; mime: string; size: number; uploadedAt: string; uploadedBy: string | null };

const toFile = (row: Row): EvidenceFile => ({
  id: row.id,
  name: row.name,
  ext: row.ext,
  mime: row.mime,
  size: Number(row.size),
  uploadedAt: new Date(row.created_at).toISOString(),
  uploadedBy: row.uploaded_by_name,
});

/** The name shown and downloaded: no folders or control characters, and the extension of what the bytes are. */
export function safeName(original: string | null | undefined, ext: string): string {
  const base = path
    .basename(String(original ?? '').replace(/\\/g, '/'))
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .trim();
  const stem = base.replace(/\.[^.]*$/, '').slice(0, 180) || 'minh-chung';
  return `${stem}.${ext}`;
}

const sha256Of = (file: string) =>
  new Promise<string>((resolve, reject) => {
    const hash = crypto.createHash('sha256');
    fs.createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });

type Checked = { file: IncomingFile; ext: string; type: Allowed; name: string };

const evidence = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const dir = () => path.resolve(strapi.dirs.app.root, process.env.EVIDENCE_DIR || 'private/evidence');
  const pathOf = (key: string) => path.join(dir(), key);

  /** Detects each file's type from its bytes and checks it against the allow-list and its limit. */
  async function check(files: IncomingFile[]): Promise<Checked[]> {
    const checked: Checked[] = [];
    for (const file of files) {
      const shown = file.originalFilename || 'tệp';
      const detected = await fileTypeOf(file.filepath).catch(() => undefined);
      const ext = detected?.ext === 'jpg' ? 'jpg' : detected?.ext;
      const type = ext ? EVIDENCE_TYPES[ext] : undefined;
      if (!ext || !type || type.mime !== detected?.mime) {
        throw badRequest(messages.evidenceType(shown, allowedLabels()), { file: shown, allowed: Object.keys(EVIDENCE_TYPES) });
      }
      if (file.size > type.maxBytes) {
        throw tooLarge(messages.evidenceTooLarge(shown, type.label, type.maxBytes / MiB), { file: shown, maxBytes: type.maxBytes });
      }
      checked.push({ file, ext, type, name: safeName(file.originalFilename, ext) });
    }
    return checked;
  }

  const allowedLabels = () => Object.values(EVIDENCE_TYPES).map((type) => `${type.label} ≤ ${type.maxBytes / MiB} MB`).join(', ');

  return {
    /** What the upload form shows: accepted types and limits. */
    policy() {
      return {
        types: Object.entries(EVIDENCE_TYPES).map(([ext, type]) => ({ ext, mime: type.mime, label: type.label, maxBytes: type.maxBytes })),
        maxFiles: MAX_EVIDENCE_FILES,
      };
    },

    async list(initiativeId: number): Promise<EvidenceFile[]> {
      const rows = (await knex()(EVIDENCE_TABLE).where({ initiative_id: initiativeId }).orderBy('id', 'asc')) as Row[];
      return rows.map(toFile);
    },

    /**
     * Stores every file or none: all are checked first; bytes are copied, then
     * rows written in one transaction; on any failure the copies are removed.
     */
    async add(initiativeId: number, files: IncomingFile[], uploader: EvidenceUploader): Promise<EvidenceFile[]> {
      if (files.length === 0) throw badRequest(messages.noEvidenceFiles, { field: 'files' });
      const existing = Number(((await knex()(EVIDENCE_TABLE).where({ initiative_id: initiativeId }).count({ n: '*' })) as Array<{ n: number | string }>)[0].n);
      if (existing + files.length > MAX_EVIDENCE_FILES) throw badRequest(messages.evidenceTooMany(MAX_EVIDENCE_FILES), { maxFiles: MAX_EVIDENCE_FILES });
      const checked = await check(files);

      fs.mkdirSync(dir(), { recursive: true, mode: 0o700 });
      const written: string[] = [];
      try {
        const rows: Array<Omit<Row, 'id' | 'uploaded_by_type'> & { uploaded_by_type: string; uploaded_by_id: number }> = [];
        for (const item of checked) {
          const key = crypto.randomBytes(24).toString('hex');
          await fs.promises.copyFile(item.file.filepath, pathOf(key));
          written.push(pathOf(key));
          await fs.promises.chmod(pathOf(key), 0o600);
          rows.push({
            initiative_id: initiativeId,
            name: item.name,
            ext: item.ext,
            mime: item.type.mime,
            size: item.file.size,
            sha256: await sha256Of(pathOf(key)),
            storage_key: key,
            uploaded_by_type: uploader.type,
            uploaded_by_id: uploader.id,
            uploaded_by_name: uploader.name,
            created_at: new Date(),
          });
        }
        await knex().transaction((trx) => trx(EVIDENCE_TABLE).insert(rows));
      } catch (error) {
        for (const file of written) fs.rmSync(file, { force: true });
        throw error;
      }
      return this.list(initiativeId);
    },

    /** The stored file and a stream of its bytes, or 404. */
    async open(initiativeId: number, fileId: number): Promise<{ file: EvidenceFile; stream: fs.ReadStream }> {
      const row = (await knex()(EVIDENCE_TABLE).where({ id: fileId, initiative_id: initiativeId }).first()) as Row | undefined;
      const stat = row ? await fs.promises.stat(pathOf(row.storage_key)).catch(() => null) : null;
      if (!row || !stat) throw notFound(messages.evidenceNotFound);
      return { file: { ...toFile(row), size: stat.size }, stream: fs.createReadStream(pathOf(row.storage_key)) };
    },

    async remove(initiativeId: number, fileId: number): Promise<void> {
      const row = (await knex()(EVIDENCE_TABLE).where({ id: fileId, initiative_id: initiativeId }).first()) as Row | undefined;
      if (!row) throw notFound(messages.evidenceNotFound);
      await knex()(EVIDENCE_TABLE).where({ id: row.id }).del();
      fs.rmSync(pathOf(row.storage_key), { force: true });
    },

    /** Removes every file of deleted models. */
    async purge(initiativeIds: number[]): Promise<void> {
      if (initiativeIds.length === 0) return;
      const rows = (await knex()(EVIDENCE_TABLE).whereIn('initiative_id', initiativeIds).select('id', 'storage_key')) as Row[];
      if (rows.length === 0) return;
      await knex()(EVIDENCE_TABLE).whereIn('id', rows.map((row) => row.id)).del();
      for (const row of rows) fs.rmSync(pathOf(row.storage_key), { force: true });
    },
  };
};

export default evidence;
export type Evidence = ReturnType<typeof evidence>;

/**
 * Sends an evidence file so that a browser can never run it: always a
 * download, the type the bytes were checked to be, no sniffing, and a
 * sandbox policy in case it is opened anyway.
 */
export function sendEvidence(ctx: { set(name: string, value: string): void; status: number; body: unknown }, file: EvidenceFile, stream: fs.ReadStream): void {
  const ascii = file.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]|["\\]/g, '_');
  ctx.set('Content-Type', file.mime);
  ctx.set('Content-Length', String(file.size));
  ctx.set('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`);
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Content-Security-Policy', "sandbox; default-src 'none'");
  ctx.set('Cache-Control', 'private, no-store');
  ctx.set('Cross-Origin-Resource-Policy', 'same-origin');
  ctx.status = 200;
  ctx.body = stream;
}
