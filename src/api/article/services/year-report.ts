/**
 * "Tạo báo cáo tổng kết": writes the year-end report of a period (optionally
 * a unit's subtree) into a DRAFT article of the chosen category, with the
 * statistics workbook attached. Generating it again updates the same
 * article's draft (found through `dvk_year_reports`) and replaces the
 * attachment; a published version is never touched — editors review the
 * draft and publish it in the Content Manager as usual.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';

import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import { reportBody, reportLead, reportTitle, reportWorkbook, yearReportData } from '../../../domain/year-report';

/** Created by database/migrations/2026.12.02T00.00.06.year-reports.ts. */
const YEAR_REPORTS = 'dvk_year_reports';
const ARTICLE = 'api::article.article';

export type YearReportRequest = { year: number; unit?: string | null; category: string; author?: string | null };

export type YearReportOutcome = {
  documentId: string;
  title: string;
  created: boolean;
  hasPublishedVersion: boolean;
  attachment: { id: number; name: string; url: string } | null;
  total: number;
};

type UploadService = {
  upload: (input: { data: { fileInfo: Record<string, unknown> }; files: unknown }) => Promise<Array<{ id: number; name: string; url: string }>>;
  remove: (file: unknown) => Promise<unknown>;
};

type UnitRef = { id: number; code: string | null; name: string };

type ReportRow = { id: number; article_document_id: string; attachment_id: number | null };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const upload = () => strapi.plugin('upload').service('upload') as unknown as UploadService;

  /** Uploads the workbook to the media library under a Vietnamese name; returns the stored file. */
  async function attach(buffer: Buffer, name: string, caption: string) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-report-'));
    try {
      const filepath = path.join(dir, name);
      fs.writeFileSync(filepath, buffer);
      const [file] = await upload().upload({
        data: { fileInfo: { name, caption, alternativeText: caption } },
        files: [{ filepath, originalFilename: name, mimetype: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', size: buffer.length }],
      });
      return file;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  return {
    async generate(request: YearReportRequest): Promise<YearReportOutcome> {
      const period = (await strapi.db.query('api::period.period').findOne({ where: { year: request.year }, select: ['id'] })) as { id: number } | null;
      if (!period) throw new errors.ValidationError(`Không có đợt thi đua năm ${request.year}.`, { field: 'year' });
      let unit: UnitRef | null = null;
      if (request.unit) {
        unit = (await strapi.db.query('api::unit.unit').findOne({ where: { code: request.unit }, select: ['id', 'code', 'name'] })) as UnitRef | null;
        if (!unit) throw new errors.ValidationError(`Không có đơn vị mã "${request.unit}".`, { field: 'unit' });
      }
      const category = (await strapi.db.query('api::category.category').findOne({ where: { documentId: request.category }, select: ['id'] })) as { id: number } | null;
      if (!category) throw new errors.ValidationError('Không tìm thấy chuyên mục đã chọn.', { field: 'category' });

      const data = await yearReportData(strapi, request.year, unit);
      const title = reportTitle(data);
      const fileName = `so-lieu-dan-van-kheo-${request.year}${unit?.code ? `-${unit.code.toLowerCase()}` : ''}.xlsx`;
      const attachment = await attach(await reportWorkbook(data), fileName, `Số liệu ${title}`);

      const unitKey = unit?.id ?? 0;
      const stored = (await strapi.db.connection(YEAR_REPORTS).where({ year: request.year, unit_id: unitKey }).first()) as ReportRow | undefined;
      // The draft of the article written earlier, if an editor has not deleted it meanwhile.
      const existing = stored
        ? ((await strapi.documents(ARTICLE).findOne({ documentId: stored.article_document_id, status: 'draft', fields: ['id'] })) as { documentId: string } | null)
        : null;
      const content = {
        title: title.slice(0, 300),
        sapo: reportLead(data).slice(0, 1000),
        body: reportBody(data),
        category: request.category,
        attachments: [attachment.id],
        authorName: request.author ?? null,
      };
      let documentId: string;
      if (existing) {
        // No status: the document service updates the draft; a published version stays as it was.
        await strapi.documents(ARTICLE).update({ documentId: existing.documentId, data: content as never });
        documentId = existing.documentId;
      } else {
        const created = (await strapi.documents(ARTICLE).create({ data: content as never })) as unknown as { documentId: string };
        documentId = created.documentId;
      }

      const previous = stored?.attachment_id ?? null;
      if (stored) {
        await strapi.db.connection(YEAR_REPORTS).where({ id: stored.id }).update({ article_document_id: documentId, attachment_id: attachment.id, updated_at: new Date() });
      } else {
        await strapi.db.connection(YEAR_REPORTS).insert({ year: request.year, unit_id: unitKey, article_document_id: documentId, attachment_id: attachment.id, updated_at: new Date() });
      }
      // The workbook of the previous generation, unless a published version still links it.
      const published = (await strapi.documents(ARTICLE).findOne({ documentId, status: 'published', fields: ['id'], populate: { attachments: { fields: ['id'] } } })) as {
        attachments?: Array<{ id: number }> | null;
      } | null;
      if (previous && previous !== attachment.id && !(published?.attachments ?? []).some((file) => file.id === previous)) {
        const file = await strapi.db.query('plugin::upload.file').findOne({ where: { id: previous } });
        if (file) await upload().remove(file);
      }

      return {
        documentId,
        title: content.title,
        created: !existing,
        hasPublishedVersion: Boolean(published),
        attachment: { id: attachment.id, name: attachment.name, url: attachment.url },
        total: data.statistics.total,
      };
    },
  };
};
