/** A modal confirmation (native <dialog>: focus trapped, Escape cancels), optionally asking for a reason. */
import { useEffect, useRef, useState, type ReactNode } from 'react';

import { Alert } from '../ui';

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger,
  reason,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  reason?: { label: string; required: string };
  onConfirm: (reason: string) => Promise<void>;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const confirm = async () => {
    if (reason && !text.trim()) {
      setFieldError(reason.required);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onConfirm(text.trim());
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="dialog-title" onCancel={(event) => {
      event.preventDefault();
      onCancel();
    }}>
      <h2 id="dialog-title">{title}</h2>
      {children}
      {reason && (
        <div className={`field${fieldError ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor="dialog-reason">
            {reason.label}
            <span className="field__required" aria-hidden="true">
              {' '}
              *
            </span>
          </label>
          <textarea
            id="dialog-reason"
            rows={3}
            maxLength={5000}
            value={text}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? 'dialog-reason-error' : undefined}
            onChange={(event) => {
              setText(event.target.value);
              setFieldError(null);
            }}
          />
          {fieldError && (
            <p className="field__error" id="dialog-reason-error">
              {fieldError}
            </p>
          )}
        </div>
      )}
      {error && <Alert>{error}</Alert>}
      <div className="actions">
        <button className={`button ${danger ? 'button--danger' : 'button--primary'}`} type="button" disabled={busy} onClick={() => void confirm()}>
          {busy ? 'Đang gửi…' : confirmLabel}
        </button>
        <button className="button" type="button" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </dialog>
  );
}
