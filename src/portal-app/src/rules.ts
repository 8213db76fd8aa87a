/**
 * The registration form's values, the body the server takes, and the checks
 * the server makes (src/plugins/review/server/src/validation.ts and the
 * domain rules), repeated here to tell the officer before saving. The server
 * stays the authority: its 400s are shown on the same fields.
 */
import type { FieldError, Model } from './api';
import { originOf } from './origins';

export type IndicatorRow = { label: string; value: string; unit: string };
export type Draft = {
  title: string;
  summary: string;
  content: string;
  results: string;
  field: string;
  period: string;
  localityUnit: string;
  subjectType: 'collective' | 'individual';
  personName: string;
  personPosition: string;
  phone: string;
  email: string;
  address: string;
  origin: string;
  replicatedFrom: { documentId: string; title: string } | null;
  /** The replicated model is not in the system (historic records): named by text instead. */
  externalSource: boolean;
  replicatedSourceName: string;
  replicatedSourceUnit: string;
  indicators: IndicatorRow[];
};

/** Where each field's message is shown: the form control's key. */
export type Errors = Record<string, string>;

export const LIMITS = { title: 300, summary: 2000, content: 100_000, results: 100_000, personName: 200, personPosition: 200, phone: 30, address: 300, label: 200, unit: 50, indicators: 50, replicatedSourceName: 300, replicatedSourceUnit: 300 } as const;

export const emptyDraft = (period = ''): Draft => ({
  title: '',
  summary: '',
  content: '',
  results: '',
  field: '',
  period,
  localityUnit: '',
  subjectType: 'collective',
  personName: '',
  personPosition: '',
  phone: '',
  email: '',
  address: '',
  origin: 'new',
  replicatedFrom: null,
  externalSource: false,
  replicatedSourceName: '',
  replicatedSourceUnit: '',
  indicators: [],
});

export const draftOf = (model: Model): Draft => ({
  title: model.title ?? '',
  summary: model.summary ?? '',
  content: model.content ?? '',
  results: model.results ?? '',
  field: model.field?.documentId ?? '',
  period: model.period?.documentId ?? '',
  localityUnit: model.localityUnit?.documentId ?? '',
  subjectType: model.subjectType ?? 'collective',
  personName: model.personName ?? '',
  personPosition: model.personPosition ?? '',
  phone: model.personContact?.phone ?? '',
  email: model.personContact?.email ?? '',
  address: model.personContact?.address ?? '',
  origin: model.origin ?? 'new',
  replicatedFrom: model.replicatedFrom ? { documentId: model.replicatedFrom.documentId, title: model.replicatedFrom.title } : null,
  externalSource: !model.replicatedFrom && Boolean(model.replicatedSourceName),
  replicatedSourceName: model.replicatedSourceName ?? '',
  replicatedSourceUnit: model.replicatedSourceUnit ?? '',
  indicators: (model.indicators ?? []).map((row) => ({ label: row.label, value: String(row.value), unit: row.unit ?? '' })),
});

const text = (value: string) => (value.trim() === '' ? null : value);

/** What PUT/POST /officer/initiatives receives for the form's values. */
export function bodyOf(draft: Draft): Record<string, unknown> {
  const individual = draft.subjectType === 'individual';
  const contact = { phone: text(draft.phone.trim()), email: text(draft.email.trim()), address: text(draft.address) };
  return {
    title: draft.title.trim(),
    summary: text(draft.summary),
    content: text(draft.content),
    results: text(draft.results),
    field: draft.field || null,
    period: draft.period || null,
    localityUnit: draft.localityUnit || null,
    subjectType: draft.subjectType,
    personName: individual ? text(draft.personName.trim()) : null,
    personPosition: individual ? text(draft.personPosition.trim()) : null,
    personContact: contact.phone || contact.email || contact.address ? contact : null,
    origin: draft.origin,
    ...sourceOf(draft),
    indicators: draft.indicators.map((row) => ({ label: row.label.trim(), value: Number(row.value.replace(',', '.')), unit: text(row.unit.trim()) })),
  };
}

/** The replication source: a recognised model of the system, or (historic records) a name and a unit. */
function sourceOf(draft: Draft) {
  const replicated = originOf(draft.origin).source === 'recognised';
  const external = replicated && draft.externalSource;
  return {
    replicatedFrom: replicated && !external ? (draft.replicatedFrom?.documentId ?? null) : null,
    replicatedSourceName: external ? text(draft.replicatedSourceName.trim()) : null,
    replicatedSourceUnit: external ? text(draft.replicatedSourceUnit.trim()) : null,
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const tooLong = (max: number) => `Tối đa ${max.toLocaleString('vi-VN')} ký tự.`;

/** Checks made on every save (the server refuses a draft that fails them). */
export function checkDraft(draft: Draft): Errors {
  const errors: Errors = {};
  const max = (key: keyof typeof LIMITS, value: string) => {
    if (value.length > LIMITS[key]) errors[key] = tooLong(LIMITS[key]);
  };
  if (!draft.title.trim()) errors.title = 'Vui lòng nhập tên mô hình.';
  max('title', draft.title.trim());
  max('summary', draft.summary);
  max('content', draft.content);
  max('results', draft.results);
  if (draft.subjectType === 'individual') {
    if (!draft.personName.trim()) errors.personName = 'Mô hình cá nhân phải có họ tên người thực hiện.';
    max('personName', draft.personName.trim());
    max('personPosition', draft.personPosition.trim());
  }
  max('phone', draft.phone.trim());
  if (draft.phone.trim() && !/^[0-9+().\s-]+$/.test(draft.phone.trim())) errors.phone = 'Số điện thoại chỉ gồm chữ số và các dấu + - ( ) .';
  if (draft.email.trim() && !EMAIL.test(draft.email.trim())) errors.email = 'Địa chỉ email không hợp lệ.';
  max('address', draft.address);
  if (originOf(draft.origin).source === 'recognised') {
    if (draft.externalSource) {
      if (!draft.replicatedSourceName.trim()) errors.replicatedSourceName = 'Vui lòng nhập tên mô hình gốc.';
      if (!draft.replicatedSourceUnit.trim()) errors.replicatedSourceUnit = 'Vui lòng nhập đơn vị thực hiện mô hình gốc.';
      max('replicatedSourceName', draft.replicatedSourceName.trim());
      max('replicatedSourceUnit', draft.replicatedSourceUnit.trim());
    } else if (!draft.replicatedFrom) {
      errors.replicatedFrom = 'Mô hình nhân rộng phải chọn mô hình gốc được nhân rộng.';
    }
  }
  if (draft.indicators.length > LIMITS.indicators) errors.indicators = `Tối đa ${LIMITS.indicators} chỉ số.`;
  draft.indicators.forEach((row, index) => {
    if (!row.label.trim()) errors[`indicators.${index}.label`] = 'Vui lòng nhập tên chỉ số.';
    else if (row.label.trim().length > LIMITS.label) errors[`indicators.${index}.label`] = tooLong(LIMITS.label);
    if (row.value.trim() === '' || !Number.isFinite(Number(row.value.replace(',', '.')))) errors[`indicators.${index}.value`] = 'Vui lòng nhập một số.';
    if (row.unit.trim().length > LIMITS.unit) errors[`indicators.${index}.unit`] = tooLong(LIMITS.unit);
  });
  return errors;
}

/** What registration (submit) needs besides a valid draft, as the server's engine checks it. */
export function checkSubmission(draft: Draft): Errors {
  const errors = checkDraft(draft);
  if (!draft.summary.trim()) errors.summary = 'Vui lòng nhập tóm tắt trước khi gửi đăng ký.';
  if (!draft.field) errors.field = 'Vui lòng chọn lĩnh vực trước khi gửi đăng ký.';
  if (!draft.period) errors.period = 'Vui lòng chọn đợt thi đua trước khi gửi đăng ký.';
  return errors;
}

/** The field keys the server's messages name (`details.errors[].path`, `details.missing`). */
const SERVER_KEYS: Record<string, string> = { personContact: 'email', ownerUnit: 'period' };

/** The server's 400 on the form's fields; what names no field goes to `form`. */
export function serverErrors(fieldErrors: FieldError[], missing: unknown, message: string): Errors {
  const errors: Errors = {};
  for (const error of fieldErrors) {
    const path = error.path.map(String);
    let key = path[0] ?? '';
    if (key === 'personContact') key = path[1] ?? SERVER_KEYS.personContact;
    else if (key === 'indicators' && path.length >= 3) key = path.slice(0, 3).join('.');
    else key = SERVER_KEYS[key] ?? key;
    if (key && !errors[key]) errors[key] = error.message;
    else if (!key) errors.form = error.message;
  }
  if (Array.isArray(missing)) {
    for (const field of missing.map(String)) errors[SERVER_KEYS[field] ?? field] ??= 'Chưa nhập thông tin này.';
  }
  if (Object.keys(errors).length === 0 || !Object.keys(errors).some((key) => key !== 'form')) errors.form = message;
  return errors;
}
