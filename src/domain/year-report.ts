/**
 * The year-end report ("báo cáo tổng kết") of a period, province-wide or for
 * a unit's subtree: the figures of the public statistics endpoint (the same
 * `statisticsWithFunnel` call), the models recognised at the top level of the
 * year's chain with their decisions, a Vietnamese summary in Markdown (the
 * article body) and a small statistics workbook attached to it.
 */
import type { Core } from '@strapi/strapi';
import ExcelJS from 'exceljs';

import { statisticsWithFunnel, type InitiativeStatistics, type ReviewFunnel } from './statistics';
import { loadUnitGraph } from './unit-graph';
import { subtree } from './units';

export type RecognisedModel = {
  documentId: string;
  title: string;
  unit: string | null;
  field: string | null;
  subjectType: 'collective' | 'individual';
  decisionNumber: string | null;
  decisionDate: string | null;
};

export type YearReportData = {
  year: number;
  unit: { id: number; code: string | null; name: string } | null;
  statistics: InitiativeStatistics;
  funnel: ReviewFunnel;
  /** The top level of the year's review chain, and the models it recognised. */
  topLevel: { code: string; name: string } | null;
  recognised: RecognisedModel[];
};

const number = new Intl.NumberFormat('vi-VN');
const n = (value: number) => number.format(value);
const percent = (value: number | null) => (value === null ? '—' : `${value > 0 ? '+' : ''}${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(value)}%`);
const signed = (value: number) => (value > 0 ? `tăng ${n(value)}` : value < 0 ? `giảm ${n(-value)}` : 'không đổi');
/** 2022-12-15 → 15/12/2022. */
const vnDate = (value: string | null) => (value ? value.slice(0, 10).split('-').reverse().join('/') : '—');
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

const SUBJECT = { collective: 'Tập thể', individual: 'Cá nhân' } as const;
const ORIGIN = { new: 'Xây dựng mới', replicated: 'Nhân rộng', continuing: 'Duy trì' } as const;

const day = (value: unknown): string | null => {
  if (!value) return null;
  if (value instanceof Date) return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
  return String(value).slice(0, 10);
};

type InitiativeRow = {
  id: number;
  documentId: string;
  title: string;
  subjectType: 'collective' | 'individual';
  ownerUnit: { id: number; name: string } | null;
  field: { name: string } | null;
};

/** Reads the figures of a year (and a unit's subtree) exactly as the public statistics endpoint does. */
export async function yearReportData(strapi: Core.Strapi, year: number, unit: { id: number; code: string | null; name: string } | null): Promise<YearReportData> {
  const { statistics, funnel } = await statisticsWithFunnel(strapi, { from: year, to: year, unitId: unit?.id ?? null, kindCodes: null });
  const top = funnel.levels.length > 0 ? funnel.levels[funnel.levels.length - 1] : null;
  const recognised: RecognisedModel[] = [];
  if (top) {
    const owners = unit ? [...subtree(await loadUnitGraph(strapi), unit.id)] : null;
    const rows = (await strapi.db.query('api::initiative.initiative').findMany({
      where: {
        period: { year },
        recognitionLevel: { code: top.code },
        reviewState: { $notIn: ['draft', 'withdrawn'] },
        ...(owners ? { ownerUnit: { id: { $in: owners } } } : {}),
      },
      select: ['id', 'documentId', 'title', 'subjectType'],
      populate: { ownerUnit: { select: ['id', 'name'] }, field: { select: ['name'] } },
      orderBy: [{ title: 'asc' }],
    })) as InitiativeRow[];
    const decisions = new Map<number, { number: string; date: string | null }>();
    const ids = rows.map((row) => row.id);
    for (let start = 0; start < ids.length; start += 500) {
      const found = (await strapi.db.query('plugin::review.decision').findMany({
        where: { initiatives: { id: { $in: ids.slice(start, start + 500) } }, levelCode: top.code },
        select: ['number', 'date'],
        populate: { initiatives: { select: ['id'] } },
        orderBy: { date: 'asc' },
      })) as Array<{ number: string; date: unknown; initiatives: Array<{ id: number }> }>;
      for (const decision of found) for (const model of decision.initiatives) decisions.set(model.id, { number: decision.number, date: day(decision.date) });
    }
    for (const row of rows) {
      recognised.push({
        documentId: row.documentId,
        title: row.title,
        unit: row.ownerUnit?.name ?? null,
        field: row.field?.name ?? null,
        subjectType: row.subjectType,
        decisionNumber: decisions.get(row.id)?.number ?? null,
        decisionDate: decisions.get(row.id)?.date ?? null,
      });
    }
  }
  return { year, unit, statistics, funnel, topLevel: top ? { code: top.code, name: top.name } : null, recognised };
}

const table = (headers: string[], rows: Array<Array<string | number>>) =>
  [`| ${headers.join(' | ')} |`, `| ${headers.map((_, index) => (index === 0 ? '---' : '---:')).join(' | ')} |`, ...rows.map((row) => `| ${row.map((value) => (typeof value === 'number' ? n(value) : cell(value))).join(' | ')} |`)].join('\n');

export function reportTitle(data: Pick<YearReportData, 'year' | 'unit'>): string {
  return `Báo cáo tổng kết phong trào thi đua "Dân vận khéo" năm ${data.year}${data.unit ? ` — ${data.unit.name}` : ''}`;
}

/** The lead paragraph: totals and growth in one sentence. */
export function reportLead(data: YearReportData): string {
  const { statistics: s } = data;
  const recognisedTop = data.recognised.length;
  return (
    `Năm ${data.year}, ${data.unit ? data.unit.name : 'toàn tỉnh'} có ${n(s.total)} mô hình "Dân vận khéo" đăng ký, ` +
    `${signed(s.growth.absolute)} mô hình so với năm ${s.previous.year}` +
    `${s.growth.percent !== null ? ` (${percent(s.growth.percent)})` : ''}` +
    `${data.topLevel ? `; ${n(recognisedTop)} mô hình được công nhận ở ${data.topLevel.name.toLowerCase()}` : ''}.`
  );
}

/** The article body in Markdown: summary, tables, the recognised models with their decisions. */
export function reportBody(data: YearReportData): string {
  const { statistics: s, funnel } = data;
  const parts: string[] = [];
  parts.push(
    `## Kết quả chung\n\n${reportLead(data)} Trong đó: ${n(s.bySubjectType.collective)} mô hình tập thể, ${n(s.bySubjectType.individual)} mô hình cá nhân; ` +
      `${n(s.byOrigin.new)} mô hình xây dựng mới, ${n(s.byOrigin.replicated)} mô hình nhân rộng, ${n(s.byOrigin.continuing)} mô hình duy trì.`
  );
  parts.push(
    `## Theo lĩnh vực\n\n${table(
      ['Lĩnh vực', `Năm ${data.year}`, `Năm ${s.previous.year}`, 'Tăng, giảm'],
      s.byField.map((field) => [field.name ?? 'Chưa xác định', field.count, field.previous, field.growth > 0 ? `+${n(field.growth)}` : n(field.growth)])
    )}`
  );
  parts.push(
    `## Kết quả xét duyệt theo cấp\n\n${table(
      ['Cấp', 'Tiếp nhận', 'Được công nhận', 'Đề nghị cấp trên', 'Không công nhận', 'Trả lại', 'Đang xét, chờ xét'],
      funnel.levels.map((level) => [level.name, level.entered, level.recognised, level.proposedOnward, level.notRecognised, level.returned, level.waiting + level.underReview])
    )}`
  );
  parts.push(
    `## Loại đối tượng và nguồn gốc\n\n${table(
      ['Nhóm', 'Số mô hình'],
      [
        ...(Object.keys(SUBJECT) as Array<keyof typeof SUBJECT>).map((key): [string, number] => [SUBJECT[key], s.bySubjectType[key]]),
        ...(Object.keys(ORIGIN) as Array<keyof typeof ORIGIN>).map((key): [string, number] => [ORIGIN[key], s.byOrigin[key]]),
      ]
    )}`
  );
  if (s.byUnit.length > 0) {
    parts.push(`## Theo đơn vị\n\n${table(['Đơn vị', 'Số mô hình'], s.byUnit.map((unit) => [unit.name, unit.count]))}`);
  }
  if (data.topLevel) {
    parts.push(
      `## Mô hình được công nhận ở ${data.topLevel.name.toLowerCase()} (${n(data.recognised.length)})\n\n` +
        (data.recognised.length === 0
          ? 'Chưa có mô hình nào được công nhận ở cấp này.'
          : table(
              ['Tên mô hình', 'Đơn vị', 'Lĩnh vực', 'Loại', 'Số quyết định', 'Ngày quyết định'],
              data.recognised.map((model) => [model.title, model.unit ?? '—', model.field ?? '—', SUBJECT[model.subjectType], model.decisionNumber ?? '—', vnDate(model.decisionDate)])
            ))
    );
  }
  parts.push('_Số liệu tổng hợp tự động từ hệ thống quản lý mô hình "Dân vận khéo"; bảng số liệu chi tiết trong tệp Excel đính kèm._');
  return parts.join('\n\n');
}

/** The statistics workbook attached to the report: one sheet per table, Vietnamese headers, frozen header rows. */
export async function reportWorkbook(data: YearReportData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Dân vận khéo';
  const sheet = (name: string, columns: Array<{ header: string; width: number }>, rows: Array<Array<string | number | Date | null>>) => {
    const worksheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.columns = columns.map((column) => ({ header: column.header, width: column.width }));
    worksheet.getRow(1).font = { bold: true };
    for (const row of rows) worksheet.addRow(row);
    return worksheet;
  };
  const { statistics: s, funnel } = data;
  sheet('Tổng hợp', [{ header: 'Chỉ tiêu', width: 40 }, { header: 'Số lượng', width: 14 }], [
    [`Mô hình đăng ký năm ${data.year}`, s.total],
    [`Mô hình đăng ký năm ${s.previous.year}`, s.previous.total],
    ['Tăng, giảm', s.growth.absolute],
    ['Mô hình tập thể', s.bySubjectType.collective],
    ['Mô hình cá nhân', s.bySubjectType.individual],
    ['Xây dựng mới', s.byOrigin.new],
    ['Nhân rộng', s.byOrigin.replicated],
    ['Duy trì', s.byOrigin.continuing],
    [`Được công nhận ở ${data.topLevel?.name.toLowerCase() ?? 'cấp cao nhất'}`, data.recognised.length],
  ]);
  sheet('Lĩnh vực', [{ header: 'Lĩnh vực', width: 36 }, { header: `Năm ${data.year}`, width: 12 }, { header: `Năm ${s.previous.year}`, width: 12 }, { header: 'Tăng, giảm', width: 12 }], s.byField.map((field) => [field.name ?? 'Chưa xác định', field.count, field.previous, field.growth]));
  sheet(
    'Xét duyệt theo cấp',
    ['Cấp', 'Tiếp nhận', 'Chờ xét', 'Đang xét', 'Được công nhận', 'Đề nghị cấp trên', 'Trả lại', 'Không công nhận', 'Rút đăng ký'].map((header, index) => ({ header, width: index === 0 ? 24 : 14 })),
    funnel.levels.map((level) => [level.name, level.entered, level.waiting, level.underReview, level.recognised, level.proposedOnward, level.returned, level.notRecognised, level.withdrawn])
  );
  sheet('Đơn vị', [{ header: 'Đơn vị', width: 40 }, { header: 'Mã', width: 14 }, { header: 'Số mô hình', width: 12 }], s.byUnit.map((unit) => [unit.name, unit.code, unit.count]));
  const recognised = sheet(
    'Mô hình được công nhận',
    ['Tên mô hình', 'Đơn vị', 'Lĩnh vực', 'Loại', 'Số quyết định', 'Ngày quyết định'].map((header, index) => ({ header, width: [48, 30, 24, 10, 18, 16][index] })),
    data.recognised.map((model) => [
      model.title,
      model.unit,
      model.field,
      SUBJECT[model.subjectType],
      model.decisionNumber,
      model.decisionDate ? new Date(`${model.decisionDate}T00:00:00Z`) : null,
    ])
  );
  recognised.getColumn(6).numFmt = 'dd/mm/yyyy';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
