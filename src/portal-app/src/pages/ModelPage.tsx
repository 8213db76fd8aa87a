/**
 * One model: the registration form (saved automatically while draft or
 * returned), its evidence, submit and withdraw, and the review's history.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import { ACTION_LABELS, EDITABLE_STATES, EVENT_LABELS, STATE_LABELS, type Action, type State } from '../../../plugins/review/shared/workflow';
import { api, ApiError, type Me, type Model } from '../api';
import { clock, dateTime } from '../format';
import { bodyOf, checkDraft, checkSubmission, draftOf, emptyDraft, serverErrors, type Draft, type Errors } from '../rules';
import { navigate, setLeaveGuard } from '../router';
import { Alert, Loading, PageTitle, StateBadge } from '../ui';
import { EvidencePanel } from './EvidencePanel';
import { ImagesPanel } from './ImagesPanel';
import { ModelForm } from './ModelForm';
import { defaultPeriod, RegistrationWindow } from './ModelList';
import { ConfirmDialog } from './ConfirmDialog';

const AUTOSAVE_MS = 1500;
type SaveState = { kind: 'idle' | 'dirty' | 'saving' | 'saved' | 'invalid' | 'failed'; at?: Date };

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Where a submission goes: the first level of the period's chain that has a unit above the officer's. */
function destination(me: Me, model: Model): { level: string; unit: string } | null {
  if (model.reviewState === 'returned' && model.review.reviewLevel) {
    const unit = me.ancestors.find((candidate) => candidate.kind === model.review.reviewLevel?.code);
    return { level: model.review.reviewLevel.name, unit: unit?.name ?? '' };
  }
  for (const level of model.review.chain) {
    const unit = me.ancestors.find((candidate) => candidate.kind === level.code);
    if (unit) return { level: level.name, unit: unit.name };
  }
  return null;
}

type PageProps = {
  me: Me;
  documentId: string | null;
  periodId: string | null;
  /** Called when the first save created the draft, before the address changes to the model's own. */
  onCreated: (documentId: string) => void;
};

export function ModelPage({ me, documentId, periodId, onCreated }: PageProps) {
  const [model, setModel] = useState<Model | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(periodId ?? defaultPeriod(me.periods)?.documentId ?? ''));
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'submit' | 'withdraw' | null>(null);
  const saved = useRef<string>(JSON.stringify(bodyOf(draft)));
  const saving = useRef<Promise<Model | null> | null>(null);
  const currentId = useRef<string | null>(documentId);

  const editable = !model || EDITABLE_STATES.has(model.reviewState);
  const dirty = JSON.stringify(bodyOf(draft)) !== saved.current;

  const reload = useCallback(async (id: string) => {
    const loaded = await api.model(id);
    setModel(loaded);
    return loaded;
  }, []);

  const createdHere = useRef<string | null>(null);
  const lastSaved = useRef<Date | null>(null);

  useEffect(() => {
    // A draft this page just created is already loaded (and may be edited meanwhile).
    if (!documentId || documentId === createdHere.current) return;
    reload(documentId)
      .then((loaded) => {
        const next = draftOf(loaded);
        saved.current = JSON.stringify(bodyOf(next));
        setDraft(next);
      })
      .catch((error: unknown) => {
        if (!(error instanceof ApiError && error.status === 401)) setLoadError(errorText(error));
      });
  }, [documentId, reload]);

  /** Saves the form now (creating the draft the first time); resolves with the model, or null if it could not. */
  const saveNow = useCallback(
    async (values: Draft): Promise<Model | null> => {
      const found = checkDraft(values);
      if (Object.keys(found).length) {
        setErrors(found);
        setSave({ kind: 'invalid' });
        return null;
      }
      const body = bodyOf(values);
      const snapshot = JSON.stringify(body);
      setSave({ kind: 'saving' });
      const run = (async () => {
        try {
          const result = currentId.current ? await api.update(currentId.current, body) : await api.create(body);
          saved.current = snapshot;
          setErrors({});
          setFormError(null);
          if (!currentId.current) {
            currentId.current = result.documentId;
            createdHere.current = result.documentId;
            onCreated(result.documentId);
            navigate(`#/mo-hinh/${encodeURIComponent(result.documentId)}`, { replace: true });
          }
          // The detail (review, history) comes with a GET; the list answer of a write lacks it.
          const full = await reload(result.documentId);
          lastSaved.current = new Date();
          setSave({ kind: 'saved', at: lastSaved.current });
          return full;
        } catch (error) {
          if (error instanceof ApiError && error.status === 401) return null;
          if (error instanceof ApiError && error.status === 400) {
            const mapped = serverErrors(error.fieldErrors, error.details.missing, error.message);
            const { form, ...fields } = mapped;
            setErrors(fields);
            setFormError(form ?? (Object.keys(fields).length ? 'Máy chủ chưa chấp nhận: vui lòng sửa các ô được đánh dấu.' : error.message));
          } else {
            setFormError(error instanceof Error ? error.message : String(error));
          }
          setSave({ kind: 'failed' });
          return null;
        }
      })();
      saving.current = run;
      const result = await run;
      saving.current = null;
      return result;
    },
    [reload, onCreated]
  );

  // Saved automatically a moment after the last change, while the form is valid.
  useEffect(() => {
    if (!editable) return;
    if (!dirty) {
      // Back to what the server has (e.g. a refused change undone): nothing is pending.
      setSave((state) => (['dirty', 'failed', 'invalid'].includes(state.kind) ? { kind: lastSaved.current ? 'saved' : 'idle', at: lastSaved.current ?? undefined } : state));
      setFormError(null);
      return;
    }
    setSave((state) => (state.kind === 'saving' ? state : { kind: 'dirty' }));
    const timer = window.setTimeout(() => {
      if (saving.current) return;
      const found = checkDraft(draft);
      if (Object.keys(found).length) {
        setErrors(found);
        setSave({ kind: 'invalid' });
        return;
      }
      void saveNow(draft);
    }, AUTOSAVE_MS);
    return () => window.clearTimeout(timer);
  }, [draft, dirty, editable, saveNow]);

  // Leaving with unsaved changes asks first (other pages of the app, reload, closing the tab).
  useEffect(() => {
    if (!dirty || !editable) {
      setLeaveGuard(null);
      return;
    }
    setLeaveGuard(() => window.confirm('Mô hình có thay đổi chưa được lưu. Rời trang và bỏ các thay đổi này?'));
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      setLeaveGuard(null);
    };
  }, [dirty, editable]);

  const change = (values: Partial<Draft>) => {
    setDraft((previous) => ({ ...previous, ...values }));
    const keys = Object.keys(values);
    setErrors((previous) => Object.fromEntries(Object.entries(previous).filter(([key]) => !keys.some((changed) => key === changed || key.startsWith(`${changed}.`)))));
  };

  const openSubmit = async () => {
    setNotice(null);
    const found = checkSubmission(draft);
    if (Object.keys(found).length) {
      setErrors(found);
      setFormError('Chưa đủ thông tin để gửi đăng ký: vui lòng bổ sung các ô được đánh dấu.');
      document.querySelector<HTMLElement>('.field--invalid input, .field--invalid select, .field--invalid textarea')?.focus();
      return;
    }
    if (dirty && !(await saveNow(draft))) return;
    setDialog('submit');
  };

  const transition = async (action: 'submit' | 'withdraw', reason: string) => {
    if (!model) return;
    try {
      const result = action === 'submit' ? await api.submit(model.documentId, model.version) : await api.withdraw(model.documentId, model.version, reason);
      setDialog(null);
      const loaded = await reload(model.documentId);
      saved.current = JSON.stringify(bodyOf(draftOf(loaded)));
      setDraft(draftOf(loaded));
      setNotice(
        action === 'submit'
          ? `Đã gửi đăng ký. Mô hình chuyển sang trạng thái “${STATE_LABELS[result.state]}”.`
          : `Đã rút đăng ký. Mô hình chuyển sang trạng thái “${STATE_LABELS[result.state]}”.`
      );
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      if (error instanceof ApiError && error.status === 400 && action === 'submit') {
        setDialog(null);
        const { form, ...fields } = serverErrors(error.fieldErrors, error.details.missing, error.message);
        setErrors(fields);
        setFormError(form ?? error.message);
        return;
      }
      throw error;
    }
  };

  if (loadError) return <Alert>{loadError}</Alert>;
  if (documentId && !model) return <Loading />;

  const state: State = model?.reviewState ?? 'draft';
  const actions = (model?.review.actions ?? []) as Action[];
  const period = me.periods.find((candidate) => candidate.documentId === draft.period) ?? null;
  const lastReturn = [...(model?.review.history ?? [])].reverse().find((event) => event.toState === 'returned');
  const assessed = (model?.review.assessments ?? []).filter((row) => row.result || row.publicRemark);
  const target = model ? destination(me, model) : null;

  return (
    <>
      <nav className="breadcrumb" aria-label="Vị trí">
        <a href="#/">Mô hình của đơn vị</a> <span aria-hidden="true">›</span> <span>{documentId ? 'Chi tiết mô hình' : 'Đăng ký mới'}</span>
      </nav>
      <div className="page-head">
        <PageTitle title={model?.title || 'Đăng ký mô hình mới'}>{model?.title || 'Đăng ký mô hình mới'}</PageTitle>
        <div className="page-head__state">
          <StateBadge state={state} />
          {model?.review.reviewLevel && state !== 'draft' && <span className="model-card__level">{model.review.reviewLevel.name}</span>}
          {editable && (
            <span className={`autosave autosave--${save.kind}`} role="status" aria-live="polite">
              {save.kind === 'saving' && 'Đang lưu…'}
              {save.kind === 'saved' && save.at && `Đã tự động lưu nháp lúc ${clock(save.at)}`}
              {save.kind === 'dirty' && 'Có thay đổi chưa lưu'}
              {save.kind === 'invalid' && 'Chưa lưu: vui lòng sửa các ô được đánh dấu'}
              {save.kind === 'failed' && 'Chưa lưu được'}
            </span>
          )}
        </div>
      </div>

      {notice && <Alert kind="success">{notice}</Alert>}

      {state === 'returned' && (
        <section className="returned" aria-labelledby="returned-title">
          <h2 id="returned-title">Mô hình được trả lại để bổ sung</h2>
          <p>
            <strong>Lý do{lastReturn?.actorUnitName ? ` (${lastReturn.actorUnitName})` : ''}:</strong> {lastReturn?.reason || 'Không ghi lý do.'}
          </p>
          {assessed.length > 0 && (
            <>
              <h3>Kết quả đánh giá và nhận xét của cấp xét duyệt</h3>
              <ul className="criteria">
                {assessed.map((row) => (
                  <li key={`${row.levelCode}-${row.code}`} className={`criteria__item criteria__item--${row.result}`}>
                    <span className="criteria__result">
                      {row.result === 'met' ? 'Đạt' : row.result === 'not_met' ? 'Chưa đạt' : row.result ? 'Không áp dụng' : 'Chưa đánh giá'}
                    </span>{' '}
                    {row.code}. {row.text}
                    {row.publicRemark && (
                      <p className="criteria__remark">
                        <strong>Nhận xét của cấp xét duyệt:</strong> {row.publicRemark}
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          <p>Hãy bổ sung theo yêu cầu rồi bấm “Gửi lại đăng ký”.</p>
        </section>
      )}

      {period && editable && <RegistrationWindow period={period} />}
      {formError && <Alert>{formError}</Alert>}

      <ModelForm me={me} draft={draft} errors={errors} readOnly={!editable} onChange={change} />

      {editable && (
        <div className="actions actions--form">
          <button className="button" type="button" disabled={save.kind === 'saving' || !dirty} onClick={() => void saveNow(draft)}>
            Lưu nháp
          </button>
          {(!model || actions.includes('submit')) && (
            <button className="button button--primary" type="button" onClick={() => void openSubmit()} disabled={!model}>
              {state === 'returned' ? 'Gửi lại đăng ký' : 'Gửi đăng ký'}
            </button>
          )}
          {!model && <p className="field__hint">Nhập tên mô hình: nháp được lưu tự động, sau đó có thể tải minh chứng và gửi đăng ký.</p>}
        </div>
      )}

      {model && (
        <ImagesPanel
          model={model}
          // A model already recognised at some level is public with the images it was recognised with (the server refuses changes).
          editable={editable && !model.review.recognitionLevel}
          publicLocked={editable && Boolean(model.review.recognitionLevel)}
          // An image answer is the model without its review part: keep the one loaded.
          onChanged={(next) =>
            setModel((previous) => (previous ? { ...previous, cover: next.cover, gallery: next.gallery, version: next.version, updatedAt: next.updatedAt } : previous))
          }
        />
      )}

      {model && (
        <EvidencePanel
          model={model}
          editable={editable}
          // An evidence answer is the model without its review part: keep the one loaded.
          onChanged={(next) => setModel((previous) => (previous ? { ...previous, evidence: next.evidence, updatedAt: next.updatedAt } : previous))}
        />
      )}

      {model && actions.includes('withdraw') && (
        <section className="card danger-zone" aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">Rút đăng ký</h2>
          <p>Mô hình đã rút không được xét duyệt tiếp và không gửi lại được.</p>
          <button className="button button--danger" type="button" onClick={() => setDialog('withdraw')}>
            {ACTION_LABELS.withdraw}
          </button>
        </section>
      )}

      {model && <History model={model} />}

      {dialog === 'submit' && model && (
        <ConfirmDialog
          title={state === 'returned' ? 'Gửi lại đăng ký mô hình?' : 'Gửi đăng ký mô hình?'}
          confirmLabel={state === 'returned' ? 'Gửi lại đăng ký' : 'Gửi đăng ký'}
          onCancel={() => setDialog(null)}
          onConfirm={() => transition('submit', '')}
        >
          <p>
            Mô hình “{model.title}” sẽ được gửi tới{' '}
            <strong>{target ? `${target.level}${target.unit ? ` — ${target.unit}` : ''}` : 'cấp xét duyệt đầu tiên của đợt'}</strong> để xét duyệt.
          </p>
          {model.review.chain.length > 1 && (
            <p>Chuỗi xét duyệt của đợt: {model.review.chain.map((level) => level.name).join(' → ')}.</p>
          )}
          <p>Kèm theo {model.evidence.length} tệp minh chứng. Sau khi gửi, mô hình không sửa được nữa, trừ khi bị trả lại để bổ sung.</p>
        </ConfirmDialog>
      )}
      {dialog === 'withdraw' && model && (
        <ConfirmDialog
          title="Rút đăng ký mô hình?"
          confirmLabel="Rút đăng ký"
          danger
          reason={{ label: 'Lý do rút đăng ký', required: 'Vui lòng nêu lý do rút đăng ký.' }}
          onCancel={() => setDialog(null)}
          onConfirm={(reason) => transition('withdraw', reason)}
        >
          <p>Mô hình “{model.title}” sẽ chuyển sang trạng thái “{STATE_LABELS.withdrawn}” và không được xét duyệt tiếp.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

function History({ model }: { model: Model }) {
  const events = model.review.history;
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">Quá trình xét duyệt</h2>
      {events.length === 0 ? (
        <p className="empty">Chưa có bước nào: mô hình còn là nháp.</p>
      ) : (
        <ol className="timeline">
          {events.map((event, index) => (
            <li key={index} className="timeline__item">
              <p className="timeline__head">
                <strong>{EVENT_LABELS[event.action] ?? event.action}</strong>
                {event.toState && (
                  <>
                    {' → '}
                    <StateBadge state={event.toState as State} />
                  </>
                )}
              </p>
              <p className="timeline__meta">
                {dateTime(event.createdAt)}
                {event.levelName && ` · ${event.levelName}`}
                {(event.actorUnitName || event.actorName) && ` · ${event.actorType === 'officer' ? event.actorName : event.actorUnitName ?? event.actorName}`}
              </p>
              {event.reason && <p className="timeline__reason">Lý do: {event.reason}</p>}
              {event.decision && (
                <p className="timeline__reason">
                  Quyết định số {event.decision.number} ngày {event.decision.date.split('-').reverse().join('/')}, người ký: {event.decision.signer}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
