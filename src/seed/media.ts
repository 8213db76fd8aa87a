/**
 * Demo media generated in code (no network): a few gradient PNG images and
 * one small PDF, uploaded once through the upload plugin. Idempotent: a file
 * whose name is already in the media library is reused, not uploaded again.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import zlib from 'zlib';

import type { Core } from '@strapi/strapi';

type Rgb = readonly [number, number, number];

export type ImageSeed = {
  name: string;
  alternativeText: string;
  caption: string;
  from: Rgb;
  to: Rgb;
};

export type PdfSeed = {
  name: string;
  alternativeText: string;
  caption: string;
  /** ASCII lines printed on the page (the base-14 fonts carry no Vietnamese glyphs). */
  lines: string[];
};

/** A file as stored by the upload plugin (the columns the seed reads). */
export type StoredFile = { id: number; name: string; url: string; mime: string };

// ---------------------------------------------------------------------------
// PNG encoder: 8-bit RGB, one IDAT chunk, filter type 0 on every scanline.
// ---------------------------------------------------------------------------

const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(buffer: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A diagonal gradient from `from` (top left) to `to` (bottom right), with soft horizontal bands. */
export function encodeGradientPng(width: number, height: number, from: Rgb, to: Rgb): Buffer {
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y += 1) {
    raw[y * stride] = 0;
    const band = Math.floor(y / (height / 6)) % 2 === 0 ? 1 : 0.93;
    for (let x = 0; x < width; x += 1) {
      const t = (x / (width - 1) + y / (height - 1)) / 2;
      const offset = y * stride + 1 + x * 3;
      for (let channel = 0; channel < 3; channel += 1) {
        raw[offset + channel] = Math.round((from[channel] + (to[channel] - from[channel]) * t) * band);
      }
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: truecolour
  header[10] = 0; // compression
  header[11] = 0; // filter
  header[12] = 0; // interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib.deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------------------
// Minimal PDF 1.4: one A4 page, Helvetica, a correct cross-reference table.
// ---------------------------------------------------------------------------

const pdfText = (line: string) => line.replace(/[\\()]/g, (char) => `\\${char}`);

export function buildPdf(lines: string[]): Buffer {
  const stream = ['BT', '/F1 14 Tf', '56 780 Td', '20 TL', ...lines.map((line) => `(${pdfText(line)}) Tj T*`), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefOffset = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

// ---------------------------------------------------------------------------
// Upload
// ---------------------------------------------------------------------------

type UploadInput = { filepath: string; originalFilename: string; mimetype: string; size: number };

type UploadService = {
  upload(
    args: { data: { fileInfo: { name: string; alternativeText: string; caption: string } }; files: UploadInput[] },
    opts?: Record<string, unknown>
  ): Promise<unknown[]>;
};

const FILE_UID = 'plugin::upload.file';

const isStoredFile = (value: unknown): value is StoredFile =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { id?: unknown }).id === 'number' &&
  typeof (value as { url?: unknown }).url === 'string';

async function findFile(strapi: Core.Strapi, name: string): Promise<StoredFile | null> {
  const found: unknown = await strapi.db.query(FILE_UID).findOne({ where: { name }, select: ['id', 'name', 'url', 'mime'] });
  return isStoredFile(found) ? found : null;
}

async function uploadOnce(
  strapi: Core.Strapi,
  dir: string,
  seed: { name: string; alternativeText: string; caption: string },
  mimetype: string,
  bytes: () => Buffer
): Promise<StoredFile> {
  const existing = await findFile(strapi, seed.name);
  if (existing) return existing;
  const filepath = path.join(dir, seed.name);
  const content = bytes();
  fs.writeFileSync(filepath, content);
  const service = strapi.plugin('upload').service('upload') as unknown as UploadService;
  const [uploaded] = await service.upload({
    data: { fileInfo: { name: seed.name, alternativeText: seed.alternativeText, caption: seed.caption } },
    files: [{ filepath, originalFilename: seed.name, mimetype, size: content.length }],
  });
  if (!isStoredFile(uploaded)) throw new Error(`Upload of ${seed.name} returned no file`);
  return uploaded;
}

/** Uploads the demo images and PDFs that are not in the media library yet; returns every one by name. */
export async function ensureMedia(
  strapi: Core.Strapi,
  images: readonly ImageSeed[],
  pdfs: readonly PdfSeed[]
): Promise<Map<string, StoredFile>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-seed-'));
  const files = new Map<string, StoredFile>();
  try {
    for (const image of images) {
      const file = await uploadOnce(strapi, dir, image, 'image/png', () => encodeGradientPng(640, 360, image.from, image.to));
      files.set(image.name, file);
    }
    for (const pdf of pdfs) {
      files.set(pdf.name, await uploadOnce(strapi, dir, pdf, 'application/pdf', () => buildPdf(pdf.lines)));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return files;
}
