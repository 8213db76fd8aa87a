/** The registration form's fields, with their limits, hints and errors. Disabled while the model is under review. */
import { useEffect, useState } from 'react';

import { api, type Me, type ReplicationSource } from '../api';
import { originOf, ORIGINS } from '../origins';
import { LIMITS, type Draft, type Errors } from '../rules';
import { described, Field } from '../ui';

type Props = { me: Me; draft: Draft; errors: Errors; readOnly: boolean; onChange: (values: Partial<Draft>) => void };

const counter = (value: string, max: number) => `${value.length.toLocaleString('vi-VN')}/${max.toLocaleString('vi-VN')} ký tự`;

export function ModelForm({ me, draft, errors, readOnly, onChange }: Props) {
  const individual = draft.subjectType === 'individual';
  const origin = originOf(draft.origin);
  return (
    <form className="card form" onSubmit={(event) => event.preventDefault()} noValidate aria-label="Thông tin mô hình">
      <fieldset className="form__group" disabled={readOnly}>
        <legend>Thông tin chung</legend>
        <Field id="period" label="Đợt thi đua" error={errors.period} required>
          <select {...described('period', errors.period)} value={draft.period} onChange={(event) => onChange({ period: event.target.value })}>
            <option value="">— Chọn đợt thi đua —</option>
            {me.periods.map((period) => (
              <option key={period.documentId} value={period.documentId}>
                {period.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="title" label="Tên mô hình" hint={counter(draft.title, LIMITS.title)} error={errors.title} required>
          <input {...described('title', errors.title, true)} value={draft.title} maxLength={LIMITS.title} onChange={(event) => onChange({ title: event.target.value })} />
        </Field>
        <Field id="summary" label="Tóm tắt" hint={`Cần có khi gửi đăng ký. ${counter(draft.summary, LIMITS.summary)}`} error={errors.summary} required>
          <textarea {...described('summary', errors.summary, true)} rows={4} value={draft.summary} onChange={(event) => onChange({ summary: event.target.value })} />
        </Field>
        <div className="form__row">
          <Field id="field" label="Lĩnh vực" error={errors.field} required>
            <select {...described('field', errors.field)} value={draft.field} onChange={(event) => onChange({ field: event.target.value })}>
              <option value="">— Chọn lĩnh vực —</option>
              {me.fields.map((field) => (
                <option key={field.documentId} value={field.documentId}>
                  {field.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="localityUnit" label="Địa bàn thực hiện" error={errors.localityUnit}>
            <select {...described('localityUnit', errors.localityUnit)} value={draft.localityUnit} onChange={(event) => onChange({ localityUnit: event.target.value })}>
              <option value="">— Không chọn —</option>
              {me.localityUnits.map((unit) => (
                <option key={unit.documentId} value={unit.documentId}>
                  {unit.name}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </fieldset>

      <fieldset className="form__group" disabled={readOnly}>
        <legend>Đối tượng</legend>
        <div className="choices" role="radiogroup" aria-label="Loại mô hình">
          {(
            [
              ['collective', 'Tập thể'],
              ['individual', 'Cá nhân'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="choice">
              <input type="radio" name="subjectType" value={value} checked={draft.subjectType === value} onChange={() => onChange({ subjectType: value })} />
              {label}
            </label>
          ))}
        </div>
        {individual && (
          <div className="form__row">
            <Field id="personName" label="Họ và tên cá nhân" error={errors.personName} required>
              <input {...described('personName', errors.personName)} value={draft.personName} maxLength={LIMITS.personName} onChange={(event) => onChange({ personName: event.target.value })} />
            </Field>
            <Field id="personPosition" label="Chức vụ, nơi công tác" error={errors.personPosition}>
              <input
                {...described('personPosition', errors.personPosition)}
                value={draft.personPosition}
                maxLength={LIMITS.personPosition}
                onChange={(event) => onChange({ personPosition: event.target.value })}
              />
            </Field>
          </div>
        )}
        <div className="private-box">
          <p className="private-box__title">
            <span className="private-tag">Riêng tư</span> Thông tin liên hệ — chỉ cấp xét duyệt xem, không công bố trên cổng thông tin
          </p>
          <div className="form__row form__row--3">
            <Field id="phone" label="Số điện thoại" error={errors.phone}>
              <input {...described('phone', errors.phone)} type="tel" autoComplete="off" value={draft.phone} maxLength={LIMITS.phone} onChange={(event) => onChange({ phone: event.target.value })} />
            </Field>
            <Field id="email" label="Email" error={errors.email}>
              <input {...described('email', errors.email)} type="email" autoComplete="off" value={draft.email} onChange={(event) => onChange({ email: event.target.value })} />
            </Field>
            <Field id="address" label="Địa chỉ" error={errors.address}>
              <input {...described('address', errors.address)} value={draft.address} maxLength={LIMITS.address} onChange={(event) => onChange({ address: event.target.value })} />
            </Field>
          </div>
        </div>
      </fieldset>

      <fieldset className="form__group" disabled={readOnly}>
        <legend>Hình thức</legend>
        <div className="choices" role="radiogroup" aria-label="Hình thức mô hình">
          {ORIGINS.map((option) => (
            <label key={option.value} className="choice">
              <input type="radio" name="origin" value={option.value} checked={draft.origin === option.value} onChange={() => onChange({ origin: option.value })} />
              {option.label}
            </label>
          ))}
        </div>
        <p className="field__hint">{origin.hint}</p>
        {origin.source === 'recognised' && (
          <>
            <label className="choice">
              <input type="checkbox" checked={draft.externalSource} onChange={(event) => onChange({ externalSource: event.target.checked })} />
              Mô hình gốc không có trong hệ thống (hồ sơ các năm trước)
            </label>
            {draft.externalSource ? (
              <div className="form__row">
                <Field id="replicatedSourceName" label="Tên mô hình gốc" error={errors.replicatedSourceName} required>
                  <input
                    {...described('replicatedSourceName', errors.replicatedSourceName)}
                    value={draft.replicatedSourceName}
                    maxLength={LIMITS.replicatedSourceName}
                    onChange={(event) => onChange({ replicatedSourceName: event.target.value })}
                  />
                </Field>
                <Field id="replicatedSourceUnit" label="Đơn vị thực hiện mô hình gốc" error={errors.replicatedSourceUnit} required>
                  <input
                    {...described('replicatedSourceUnit', errors.replicatedSourceUnit)}
                    value={draft.replicatedSourceUnit}
                    maxLength={LIMITS.replicatedSourceUnit}
                    onChange={(event) => onChange({ replicatedSourceUnit: event.target.value })}
                  />
                </Field>
              </div>
            ) : (
              <SourcePicker draft={draft} error={errors.replicatedFrom} readOnly={readOnly} onChange={onChange} />
            )}
          </>
        )}
      </fieldset>

      <fieldset className="form__group" disabled={readOnly}>
        <legend>Nội dung và kết quả</legend>
        <Field id="content" label="Nội dung, cách làm" hint={counter(draft.content, LIMITS.content)} error={errors.content}>
          <textarea {...described('content', errors.content, true)} rows={8} value={draft.content} onChange={(event) => onChange({ content: event.target.value })} />
        </Field>
        <Field id="results" label="Kết quả đạt được" hint={counter(draft.results, LIMITS.results)} error={errors.results}>
          <textarea {...described('results', errors.results, true)} rows={5} value={draft.results} onChange={(event) => onChange({ results: event.target.value })} />
        </Field>
        <Indicators draft={draft} errors={errors} readOnly={readOnly} onChange={onChange} />
      </fieldset>
    </form>
  );
}

function Indicators({ draft, errors, readOnly, onChange }: Omit<Props, 'me'>) {
  const set = (index: number, values: Partial<Draft['indicators'][number]>) =>
    onChange({ indicators: draft.indicators.map((row, at) => (at === index ? { ...row, ...values } : row)) });
  return (
    <div className="indicators">
      <h3 className="indicators__title">Chỉ số kết quả</h3>
      <p className="field__hint">Ví dụ: “Hộ thoát nghèo” — 12 — “hộ”. Tối đa {LIMITS.indicators} chỉ số.</p>
      {errors.indicators && <p className="field__error">{errors.indicators}</p>}
      {draft.indicators.map((row, index) => (
        <div key={index} className="indicator">
          <Field id={`indicators.${index}.label`} label={`Chỉ số ${index + 1}`} error={errors[`indicators.${index}.label`]} required>
            <input {...described(`indicators.${index}.label`, errors[`indicators.${index}.label`])} value={row.label} onChange={(event) => set(index, { label: event.target.value })} />
          </Field>
          <Field id={`indicators.${index}.value`} label="Giá trị" error={errors[`indicators.${index}.value`]} required>
            <input
              {...described(`indicators.${index}.value`, errors[`indicators.${index}.value`])}
              inputMode="decimal"
              value={row.value}
              onChange={(event) => set(index, { value: event.target.value })}
            />
          </Field>
          <Field id={`indicators.${index}.unit`} label="Đơn vị tính" error={errors[`indicators.${index}.unit`]}>
            <input {...described(`indicators.${index}.unit`, errors[`indicators.${index}.unit`])} value={row.unit} onChange={(event) => set(index, { unit: event.target.value })} />
          </Field>
          {!readOnly && (
            <button
              className="button button--small button--danger-outline indicator__remove"
              type="button"
              aria-label={`Bỏ chỉ số ${index + 1}`}
              onClick={() => onChange({ indicators: draft.indicators.filter((_, at) => at !== index) })}
            >
              Bỏ
            </button>
          )}
        </div>
      ))}
      {!readOnly && draft.indicators.length < LIMITS.indicators && (
        <button className="button button--small" type="button" onClick={() => onChange({ indicators: [...draft.indicators, { label: '', value: '', unit: '' }] })}>
          + Thêm chỉ số
        </button>
      )}
    </div>
  );
}

/** Searches recognised models (without diacritics) to name the one this model replicates. */
function SourcePicker({ draft, error, readOnly, onChange }: { draft: Draft; error?: string; readOnly: boolean; onChange: Props['onChange'] }) {
  const [q, setQ] = useState('');
  const [results, setResults] = useState<ReplicationSource[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    if (readOnly || q.trim().length < 2) {
      setResults(null);
      return;
    }
    const timer = window.setTimeout(() => {
      api
        .replicationSources(q.trim())
        .then((found) => {
          setResults(found);
          setFailed(null);
        })
        .catch((caught: unknown) => setFailed(caught instanceof Error ? caught.message : String(caught)));
    }, 300);
    return () => window.clearTimeout(timer);
  }, [q, readOnly]);

  return (
    <div className={`field source${error ? ' field--invalid' : ''}`} data-field="replicatedFrom">
      <p className="field__label" id="source-label">
        Mô hình gốc được nhân rộng <span aria-hidden="true" className="field__required">*</span>
      </p>
      {draft.replicatedFrom ? (
        <p className="source__chosen">
          <span>{draft.replicatedFrom.title}</span>
          {!readOnly && (
            <button className="button button--small" type="button" onClick={() => onChange({ replicatedFrom: null })}>
              Chọn mô hình khác
            </button>
          )}
        </p>
      ) : (
        <>
          <label className="field__hint" htmlFor="source-search">
            Gõ vài chữ trong tên mô hình đã được công nhận (có thể gõ không dấu):
          </label>
          <input
            id="source-search"
            type="search"
            value={q}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'replicatedFrom-error' : undefined}
            onChange={(event) => setQ(event.target.value)}
          />
          {failed && <p className="field__error">{failed}</p>}
          {results && results.length === 0 && <p className="field__hint">Không tìm thấy mô hình đã công nhận nào khớp.</p>}
          {results && results.length > 0 && (
            <ul className="source__results" aria-label="Mô hình đã công nhận tìm được">
              {results.map((source) => (
                <li key={source.documentId}>
                  <button
                    type="button"
                    className="source__option"
                    onClick={() => {
                      onChange({ replicatedFrom: { documentId: source.documentId, title: source.title } });
                      setQ('');
                    }}
                  >
                    <strong>{source.title}</strong>
                    <span>{[source.ownerUnit, source.year, source.recognitionLevel && `công nhận ${source.recognitionLevel}`].filter(Boolean).join(' · ')}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {error && (
        <p className="field__error" id="replicatedFrom-error">
          {error}
        </p>
      )}
    </div>
  );
}
