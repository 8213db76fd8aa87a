/** Log in, forgotten password, reset with the emailed code, change password. */
import { useState, type FormEvent } from 'react';

import { api, ApiError, session } from '../api';
import { navigate } from '../router';
import { Alert, described, Field, PageTitle } from '../ui';

/** users-permissions answers in English: the officer reads Vietnamese. */
const AUTH_MESSAGES: Array<[RegExp, string]> = [
  [/invalid identifier or password/i, 'Tên đăng nhập (hoặc email) hoặc mật khẩu không đúng.'],
  [/blocked/i, 'Tài khoản đã bị khóa. Vui lòng liên hệ quản trị viên.'],
  [/not confirmed/i, 'Tài khoản chưa được xác nhận email.'],
  [/current password is invalid/i, 'Mật khẩu hiện tại không đúng.'],
  [/must be different/i, 'Mật khẩu mới phải khác mật khẩu hiện tại.'],
  [/passwords do not match/i, 'Mật khẩu nhập lại không khớp.'],
  [/incorrect code/i, 'Mã đặt lại mật khẩu không đúng hoặc đã được dùng. Vui lòng yêu cầu đặt lại lần nữa.'],
  [/at least 6 characters|too short|min/i, 'Mật khẩu phải có ít nhất 6 ký tự.'],
  [/email must be a valid email|valid email/i, 'Địa chỉ email không hợp lệ.'],
  [/error sending|email/i, 'Máy chủ chưa gửi được email (chức năng gửi thư chưa được cấu hình). Vui lòng liên hệ quản trị viên.'],
];

export const authMessage = (error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  if (/[ăâđêôơưáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ]/i.test(message)) return message;
  return AUTH_MESSAGES.find(([pattern]) => pattern.test(message))?.[1] ?? `Máy chủ từ chối yêu cầu: ${message}`;
};

export function Login({ notice, onLogin }: { notice: string | null; onLogin: (jwt: string) => void }) {
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!identifier.trim()) found.identifier = 'Vui lòng nhập tên đăng nhập hoặc email.';
    if (!password) found.password = 'Vui lòng nhập mật khẩu.';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await api.login(identifier.trim(), password);
      session.set(answer.jwt);
      onLogin(answer.jwt);
    } catch (caught) {
      setError(authMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="auth">
      <PageTitle title="Đăng nhập">Đăng nhập</PageTitle>
      <p className="lead">Dành cho cán bộ đơn vị đăng ký và theo dõi mô hình “Dân vận khéo”.</p>
      {notice && <Alert kind="info">{notice}</Alert>}
      {error && <Alert>{error}</Alert>}
      <form className="card form" onSubmit={submit} noValidate>
        <Field id="identifier" label="Tên đăng nhập hoặc email" error={errors.identifier} required>
          <input
            {...described('identifier', errors.identifier)}
            name="identifier"
            autoComplete="username"
            value={identifier}
            onChange={(event) => setIdentifier(event.target.value)}
          />
        </Field>
        <Field id="password" label="Mật khẩu" error={errors.password} required>
          <input
            {...described('password', errors.password)}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </Field>
        <div className="actions">
          <button className="button button--primary" type="submit" disabled={busy}>
            {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
          </button>
          <a href="#/quen-mat-khau">Quên mật khẩu?</a>
        </div>
      </form>
    </div>
  );
}

export function ForgotPassword() {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
      setFieldError('Vui lòng nhập địa chỉ email hợp lệ của tài khoản.');
      return;
    }
    setFieldError(undefined);
    setBusy(true);
    setError(null);
    try {
      await api.forgotPassword(email.trim());
      setDone(true);
    } catch (caught) {
      setError(authMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="auth">
      <PageTitle title="Quên mật khẩu">Quên mật khẩu</PageTitle>
      <p className="lead">Nhập email của tài khoản. Máy chủ sẽ gửi thư có đường dẫn đặt lại mật khẩu.</p>
      {done && <Alert kind="success">Máy chủ đã nhận yêu cầu. Nếu email thuộc một tài khoản, thư hướng dẫn đặt lại mật khẩu sẽ được gửi tới hộp thư đó.</Alert>}
      {error && <Alert>{error}</Alert>}
      <form className="card form" onSubmit={submit} noValidate>
        <Field id="email" label="Email" error={fieldError} required>
          <input {...described('email', fieldError)} type="email" autoComplete="email" value={email} onChange={(event) => setEmail(event.target.value)} />
        </Field>
        <div className="actions">
          <button className="button button--primary" type="submit" disabled={busy}>
            Gửi yêu cầu
          </button>
          <a href="#/dang-nhap">Quay lại đăng nhập</a>
        </div>
      </form>
    </div>
  );
}

/** The three-field password form shared by reset and change. */
function usePasswordChecks() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const check = (password: string, confirmation: string, extra: Record<string, string> = {}) => {
    const found: Record<string, string> = { ...extra };
    if (password.length < 6) found.password = 'Mật khẩu mới phải có ít nhất 6 ký tự.';
    if (confirmation !== password) found.passwordConfirmation = 'Mật khẩu nhập lại không khớp.';
    setErrors(found);
    return Object.keys(found).length === 0;
  };
  return { errors, check };
}

export function ResetPassword({ code, onLogin }: { code: string; onLogin: (jwt: string) => void }) {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { errors, check } = usePasswordChecks();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!check(password, confirmation)) return;
    setError(null);
    try {
      const answer = await api.resetPassword(code, password, confirmation);
      session.set(answer.jwt);
      onLogin(answer.jwt);
    } catch (caught) {
      setError(authMessage(caught));
    }
  };

  return (
    <div className="auth">
      <PageTitle title="Đặt lại mật khẩu">Đặt lại mật khẩu</PageTitle>
      {!code && <Alert>Đường dẫn đặt lại mật khẩu thiếu mã. Vui lòng mở lại đường dẫn trong thư.</Alert>}
      {error && <Alert>{error}</Alert>}
      <form className="card form" onSubmit={submit} noValidate>
        <Field id="password" label="Mật khẩu mới" error={errors.password} required>
          <input {...described('password', errors.password)} type="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} />
        </Field>
        <Field id="passwordConfirmation" label="Nhập lại mật khẩu mới" error={errors.passwordConfirmation} required>
          <input
            {...described('passwordConfirmation', errors.passwordConfirmation)}
            type="password"
            autoComplete="new-password"
            value={confirmation}
            onChange={(event) => setConfirmation(event.target.value)}
          />
        </Field>
        <div className="actions">
          <button className="button button--primary" type="submit" disabled={!code}>
            Đặt lại mật khẩu
          </button>
        </div>
      </form>
    </div>
  );
}

export function ChangePassword() {
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const { errors, check } = usePasswordChecks();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!check(password, confirmation, current ? {} : { currentPassword: 'Vui lòng nhập mật khẩu hiện tại.' })) return;
    setError(null);
    setDone(false);
    try {
      const answer = await api.changePassword(current, password, confirmation);
      session.set(answer.jwt);
      setDone(true);
      setCurrent('');
      setPassword('');
      setConfirmation('');
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401) return;
      setError(authMessage(caught));
    }
  };

  return (
    <div className="narrow">
      <PageTitle title="Đổi mật khẩu">Đổi mật khẩu</PageTitle>
      {done && <Alert kind="success">Đã đổi mật khẩu. Lần đăng nhập sau hãy dùng mật khẩu mới.</Alert>}
      {error && <Alert>{error}</Alert>}
      <form className="card form" onSubmit={submit} noValidate>
        <Field id="currentPassword" label="Mật khẩu hiện tại" error={errors.currentPassword} required>
          <input
            {...described('currentPassword', errors.currentPassword)}
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(event) => setCurrent(event.target.value)}
          />
        </Field>
        <Field id="password" label="Mật khẩu mới" hint="Ít nhất 6 ký tự." error={errors.password} required>
          <input {...described('password', errors.password, true)} type="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} />
        </Field>
        <Field id="passwordConfirmation" label="Nhập lại mật khẩu mới" error={errors.passwordConfirmation} required>
          <input
            {...described('passwordConfirmation', errors.passwordConfirmation)}
            type="password"
            autoComplete="new-password"
            value={confirmation}
            onChange={(event) => setConfirmation(event.target.value)}
          />
        </Field>
        <div className="actions">
          <button className="button button--primary" type="submit">
            Đổi mật khẩu
          </button>
          <button className="button" type="button" onClick={() => navigate('#/')}>
            Quay lại
          </button>
        </div>
      </form>
    </div>
  );
}
