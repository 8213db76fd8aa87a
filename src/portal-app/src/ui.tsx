/** Small shared pieces of the registration app's pages. */
import { useEffect, useRef, type ReactNode } from 'react';

import { STATE_LABELS, type State } from '../../plugins/review/shared/workflow';

/** A page's heading, focused when the page opens so screen readers announce it; sets the tab title. */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} | Đăng ký mô hình “Dân vận khéo”`;
    ref.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}

export const StateBadge = ({ state }: { state: State }) => <span className={`badge badge--${state}`}>{STATE_LABELS[state] ?? state}</span>;

export const Alert = ({ kind = 'error', children }: { kind?: 'error' | 'info' | 'success' | 'warning'; children: ReactNode }) =>
  kind === 'error' ? (
    <div className={`alert alert--${kind}`} role="alert">
      {children}
    </div>
  ) : (
    <div className={`alert alert--${kind}`} role="status">
      {children}
    </div>
  );

export const Loading = ({ label = 'Đang tải…' }: { label?: string }) => (
  <p className="loading" role="status">
    {label}
  </p>
);

/** A labelled control with its hint and error, tied together for assistive technology. */
export function Field({
  id,
  label,
  hint,
  error,
  required,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}`} data-field={id}>
      <label className="field__label" htmlFor={id}>
        {label}
        {required && (
          <span className="field__required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The aria attributes a control inside <Field> needs. */
export const described = (id: string, error?: string, hint?: boolean) => ({
  id,
  'aria-invalid': error ? (true as const) : undefined,
  'aria-describedby': [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined,
});
