/**
 * "Thông báo": what happened to the unit's models (returned, recognised,
 * proposed, batch decisions) and deadline reminders, newest first; mark one
 * or all read; and how the officer wants e-mails (which kinds, instantly or
 * one digest a day).
 */
import { useCallback, useEffect, useState } from 'react';

import {
  EMAIL_MODE_LABELS,
  EMAIL_MODES,
  NOTIFICATION_KIND_LABELS,
  type EmailMode,
  type InboxPage,
  type NotificationItem,
  type NotificationKind,
} from '../../../plugins/review/shared/notifications';
import { api } from '../api';
import { dateTime } from '../format';
import { Alert, Loading, PageTitle } from '../ui';

/** The model in this app for a model notification; the list otherwise. */
const hrefOf = (item: NotificationItem) => (item.initiativeDocumentId ? `#/mo-hinh/${encodeURIComponent(item.initiativeDocumentId)}` : '#/');

export function Inbox({ onUnreadChange }: { onUnreadChange: (unread: number) => void }) {
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [inbox, setInbox] = useState<InboxPage | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    api
      .inbox(page, unreadOnly)
      .then((result) => {
        setInbox(result);
        setError(null);
        onUnreadChange(result.unread);
      })
      .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)));
  }, [page, unreadOnly, onUnreadChange]);

  useEffect(load, [load]);

  const markRead = async (body: { ids: number[] } | { all: true }) => {
    try {
      await api.markRead(body);
      load();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };

  return (
    <>
      <div className="page-head">
        <PageTitle title="Thông báo">Thông báo</PageTitle>
        <p className="lead">{inbox ? `${inbox.unread} thông báo chưa đọc` : ' '}</p>
      </div>
      {error && <Alert>{error}</Alert>}
      <section className="card" aria-labelledby="inbox-list">
        <div className="inbox__bar">
          <h2 id="inbox-list">Danh sách thông báo</h2>
          <label className="inbox__filter">
            <input
              type="checkbox"
              checked={unreadOnly}
              onChange={(event) => {
                setUnreadOnly(event.target.checked);
                setPage(1);
              }}
            />{' '}
            Chỉ thông báo chưa đọc
          </label>
          <button className="button button--small" type="button" disabled={!inbox || inbox.unread === 0} onClick={() => markRead({ all: true })}>
            Đánh dấu tất cả đã đọc
          </button>
        </div>
        {!inbox ? (
          <Loading />
        ) : inbox.results.length === 0 ? (
          <p className="empty">Không có thông báo nào.</p>
        ) : (
          <ol className="inbox">
            {inbox.results.map((item) => (
              <li key={item.id} className={`inbox__item${item.readAt ? '' : ' inbox__item--unread'}`}>
                <p className="inbox__meta">
                  {!item.readAt && <span className="badge badge--submitted">Chưa đọc</span>} {NOTIFICATION_KIND_LABELS[item.kind] ?? item.kind} ·{' '}
                  <time dateTime={item.createdAt}>{dateTime(item.createdAt)}</time>
                </p>
                <a className="inbox__title" href={hrefOf(item)} onClick={() => !item.readAt && void api.markRead({ ids: [item.id] })}>
                  {item.title}
                </a>
                <p className="inbox__body">{item.body}</p>
                {!item.readAt && (
                  <button className="button button--small" type="button" onClick={() => markRead({ ids: [item.id] })}>
                    Đánh dấu đã đọc
                  </button>
                )}
              </li>
            ))}
          </ol>
        )}
        {inbox && inbox.pagination.pageCount > 1 && (
          <nav className="inbox__pages" aria-label="Phân trang thông báo">
            <button className="button button--small" type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              Trang trước
            </button>
            <span>
              Trang {inbox.pagination.page}/{inbox.pagination.pageCount}
            </span>
            <button className="button button--small" type="button" disabled={page >= inbox.pagination.pageCount} onClick={() => setPage(page + 1)}>
              Trang sau
            </button>
          </nav>
        )}
      </section>
      <PreferencesForm />
    </>
  );
}

function PreferencesForm() {
  const [kinds, setKinds] = useState<NotificationKind[] | null>(null);
  const [muted, setMuted] = useState<Set<NotificationKind>>(new Set());
  const [mode, setMode] = useState<EmailMode>('instant');
  const [status, setStatus] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    api
      .preferences()
      .then((prefs) => {
        setKinds(prefs.kinds);
        setMuted(new Set(prefs.mutedKinds));
        setMode(prefs.emailMode);
      })
      .catch((failure: unknown) => setStatus({ kind: 'error', text: failure instanceof Error ? failure.message : String(failure) }));
  }, []);

  if (!kinds) return status ? <Alert>{status.text}</Alert> : null;

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      await api.setPreferences([...muted], mode);
      setStatus({ kind: 'success', text: 'Đã lưu cách nhận thông báo.' });
    } catch (failure) {
      setStatus({ kind: 'error', text: failure instanceof Error ? failure.message : String(failure) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="card" onSubmit={save} aria-labelledby="prefs-title">
      <h2 id="prefs-title">Nhận thông báo qua email</h2>
      <p className="lead">Mọi thông báo luôn có trong danh sách trên; bỏ chọn một loại để không nhận email về loại đó.</p>
      <fieldset className="inbox__fieldset">
        <legend>Loại thông báo gửi email</legend>
        {kinds.map((kind) => (
          <label key={kind} className="inbox__choice">
            <input
              type="checkbox"
              checked={!muted.has(kind)}
              onChange={(event) => {
                const next = new Set(muted);
                if (event.target.checked) next.delete(kind);
                else next.add(kind);
                setMuted(next);
              }}
            />{' '}
            {NOTIFICATION_KIND_LABELS[kind]}
          </label>
        ))}
      </fieldset>
      <fieldset className="inbox__fieldset">
        <legend>Cách gửi email</legend>
        {EMAIL_MODES.map((value) => (
          <label key={value} className="inbox__choice">
            <input type="radio" name="email-mode" value={value} checked={mode === value} onChange={() => setMode(value)} /> {EMAIL_MODE_LABELS[value]}
          </label>
        ))}
      </fieldset>
      {status && <Alert kind={status.kind}>{status.text}</Alert>}
      <button className="button button--primary" type="submit" disabled={saving}>
        {saving ? 'Đang lưu…' : 'Lưu'}
      </button>
    </form>
  );
}
