/** The unit's models of a period: state badges, filter by state, search, the period's registration window. */
import { useEffect, useMemo, useState } from 'react';

import { STATE_LABELS, STATES, type State } from '../../../plugins/review/shared/workflow';
import { api, type ListItem, type Me, type Period } from '../api';
import { dateTime, day, plain } from '../format';
import { navigate } from '../router';
import { Alert, Loading, PageTitle, StateBadge } from '../ui';

/** The period the list opens on: the one open for registration, else the latest. */
export const defaultPeriod = (periods: Period[]) => periods.find((period) => period.registration === 'open') ?? periods[0] ?? null;

export function RegistrationWindow({ period }: { period: Period }) {
  const range = [period.registrationStart && `từ ${day(period.registrationStart)}`, period.registrationEnd && `đến hết ${day(period.registrationEnd)}`]
    .filter(Boolean)
    .join(' ');
  if (period.registration === 'open') {
    return (
      <p className="window window--open">
        <strong>Đang mở đăng ký</strong>
        {range ? ` ${range}.` : ' (không giới hạn thời gian).'}
      </p>
    );
  }
  if (period.registration === 'not_open') {
    return (
      <p className="window window--closed">
        <strong>Chưa mở đăng ký</strong> — đăng ký {range}.
      </p>
    );
  }
  return (
    <p className="window window--closed">
      <strong>Đã hết hạn đăng ký</strong> — thời gian đăng ký {range}. Mô hình bị trả lại vẫn được bổ sung và gửi lại.
    </p>
  );
}

const ALL = 'tat-ca';

async function loadAll(): Promise<ListItem[]> {
  const first = await api.list(1);
  const rest = await Promise.all(Array.from({ length: Math.max(0, first.pagination.pageCount - 1) }, (_, index) => api.list(index + 2)));
  return [first, ...rest].flatMap((page) => page.results);
}

export function ModelList({ me, query }: { me: Me; query: URLSearchParams }) {
  const [models, setModels] = useState<ListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const year = query.get('nam') ?? String(defaultPeriod(me.periods)?.year ?? ALL);
  const state = (query.get('trang-thai') ?? '') as State | '';
  const search = query.get('q') ?? '';
  const [typed, setTyped] = useState(search);
  const period = me.periods.find((candidate) => String(candidate.year) === year) ?? null;

  useEffect(() => {
    loadAll()
      .then(setModels)
      .catch((caught: unknown) => setError(caught instanceof Error ? caught.message : String(caught)));
  }, []);

  const go = (changes: Record<string, string>) => {
    const next = new URLSearchParams({ nam: year, 'trang-thai': state, q: search, ...changes });
    for (const [key, value] of [...next.entries()]) if (!value) next.delete(key);
    navigate(`#/?${next.toString()}`, { replace: true });
  };

  const shown = useMemo(() => {
    const words = plain(search).split(' ').filter(Boolean);
    return (models ?? []).filter(
      (model) =>
        (year === ALL || String(model.period?.year ?? '') === year) &&
        (!state || model.reviewState === state) &&
        words.every((word) => plain(`${model.title} ${model.field?.name ?? ''}`).includes(word))
    );
  }, [models, year, state, search]);

  const counts = useMemo(() => {
    const inPeriod = (models ?? []).filter((model) => year === ALL || String(model.period?.year ?? '') === year);
    return new Map(STATES.map((candidate) => [candidate, inPeriod.filter((model) => model.reviewState === candidate).length]));
  }, [models, year]);

  return (
    <>
      <div className="page-head">
        <PageTitle title="Mô hình của đơn vị">Mô hình của đơn vị</PageTitle>
        <p className="page-head__unit">{me.unit.name}</p>
      </div>
      <section className="card filters" aria-label="Chọn đợt thi đua và lọc">
        <div className="filters__row">
          <div className="field">
            <label className="field__label" htmlFor="period-filter">
              Đợt thi đua
            </label>
            <select id="period-filter" value={year} onChange={(event) => go({ nam: event.target.value })}>
              {me.periods.map((candidate) => (
                <option key={candidate.documentId} value={String(candidate.year)}>
                  {candidate.name}
                </option>
              ))}
              <option value={ALL}>Tất cả các đợt</option>
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor="state-filter">
              Trạng thái
            </label>
            <select id="state-filter" value={state} onChange={(event) => go({ 'trang-thai': event.target.value })}>
              <option value="">Tất cả trạng thái</option>
              {STATES.map((candidate) => (
                <option key={candidate} value={candidate}>
                  {STATE_LABELS[candidate]} ({counts.get(candidate) ?? 0})
                </option>
              ))}
            </select>
          </div>
          <form
            className="field filters__search"
            role="search"
            onSubmit={(event) => {
              event.preventDefault();
              go({ q: typed.trim() });
            }}
          >
            <label className="field__label" htmlFor="search">
              Tìm theo tên mô hình
            </label>
            <div className="search">
              <input id="search" type="search" value={typed} onChange={(event) => setTyped(event.target.value)} placeholder="Ví dụ: dan van kheo" />
              <button className="button" type="submit">
                Tìm
              </button>
            </div>
          </form>
        </div>
        {period && <RegistrationWindow period={period} />}
      </section>

      <div className="list-head">
        <p className="list-head__count" role="status">
          {models ? `${shown.length.toLocaleString('vi-VN')} mô hình` : ''}
        </p>
        <a className="button button--primary" href={`#/mo-hinh/moi${period ? `?dot=${period.documentId}` : ''}`}>
          + Đăng ký mô hình mới
        </a>
      </div>
      {error && <Alert>{error}</Alert>}
      {!models && !error && <Loading />}
      {models && shown.length === 0 && (
        <p className="empty">{models.length === 0 ? 'Đơn vị chưa đăng ký mô hình nào.' : 'Không có mô hình nào khớp với bộ lọc.'}</p>
      )}
      {shown.length > 0 && (
        <ul className="models" aria-label="Danh sách mô hình">
          {shown.map((model) => (
            <li key={model.documentId} className="model-card">
              <div className="model-card__top">
                <StateBadge state={model.reviewState} />
                {model.reviewLevel && model.reviewState !== 'draft' && <span className="model-card__level">{model.reviewLevel.name}</span>}
              </div>
              <h2 className="model-card__title">
                <a href={`#/mo-hinh/${encodeURIComponent(model.documentId)}`}>{model.title}</a>
              </h2>
              <p className="model-card__meta">
                {[model.field?.name, model.subjectType === 'individual' ? 'Cá nhân' : 'Tập thể', model.period?.name].filter(Boolean).join(' · ')}
              </p>
              <p className="model-card__meta">Cập nhật {dateTime(model.updatedAt)}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
