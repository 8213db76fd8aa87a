/**
 * The registration app for unit officers, served at /dang-ky/: log in, the
 * unit's models per period, the registration form with evidence, submit,
 * withdraw, and the review's history. Talks only to the officer API.
 */
import { Component, StrictMode, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

import { api, ApiError, session, whenSessionExpires, type Me } from './api';
import { ChangePassword, ForgotPassword, Login, ResetPassword } from './pages/Auth';
import { Inbox } from './pages/Inbox';
import { ModelList } from './pages/ModelList';
import { ModelPage } from './pages/ModelPage';
import { navigate, setLeaveGuard, useRoute } from './router';
import { Alert, Loading } from './ui';
import './styles.css';

const EXPIRED = 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.';

/** A reset link from the email (`/dang-ky/?code=...`) opens the reset page. */
const resetCode = new URLSearchParams(window.location.search).get('code');
if (resetCode) window.history.replaceState(null, '', `${window.location.pathname}#/dat-lai-mat-khau?code=${encodeURIComponent(resetCode)}`);

function App() {
  const route = useRoute();
  const [token, setToken] = useState(session.token());
  const [notice, setNotice] = useState<string | null>(null);
  const [me, setMe] = useState<Me | null>(null);
  const [meError, setMeError] = useState<string | null>(null);

  const endSession = useCallback((message: string) => {
    setLeaveGuard(null);
    session.clear();
    setToken(null);
    setMe(null);
    setNotice(message);
    navigate('#/dang-nhap', { replace: true });
  }, []);

  useEffect(() => whenSessionExpires(() => endSession(EXPIRED)), [endSession]);

  // The token says when it expires: go back to the login page then, without waiting for a refused request.
  useEffect(() => {
    const at = token ? session.expiresAt() : null;
    if (at === null) return;
    const timer = window.setTimeout(() => endSession(EXPIRED), Math.min(Math.max(0, at - Date.now()), 2_147_000_000));
    return () => window.clearTimeout(timer);
  }, [token, endSession]);

  useEffect(() => {
    if (!token) return;
    setMeError(null);
    api
      .me()
      .then(setMe)
      .catch((error: unknown) => {
        if (!(error instanceof ApiError) || error.status !== 401) setMeError(error instanceof Error ? error.message : String(error));
      });
  }, [token]);

  // Unread notifications in the menu: asked again on every page change and every minute.
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    if (!token) return undefined;
    const refresh = () => {
      api
        .unread()
        .then((result) => setUnread(result.unread))
        .catch(() => undefined);
    };
    refresh();
    const timer = window.setInterval(refresh, 60_000);
    return () => window.clearInterval(timer);
  }, [token, route.path]);

  // The new-model page keeps its state when its first save gives it an address (#/mo-hinh/moi → #/mo-hinh/<id>).
  const pages = useRef({ opened: 0, adopted: null as string | null, lastPath: '' });
  if (route.path === '/mo-hinh/moi' && pages.current.lastPath !== route.path) {
    pages.current.opened += 1;
    pages.current.adopted = null;
  }
  pages.current.lastPath = route.path;
  const onCreated = useCallback((documentId: string) => {
    pages.current.adopted = documentId;
  }, []);

  const onLogin = (jwt: string) => {
    setNotice(null);
    setToken(jwt);
    navigate('#/', { replace: true });
  };

  const logout = () => {
    if (!window.confirm('Đăng xuất khỏi trang đăng ký?')) return;
    endSession('Bạn đã đăng xuất.');
  };

  let page;
  if (route.path === '/quen-mat-khau') page = <ForgotPassword />;
  else if (route.path === '/dat-lai-mat-khau') page = <ResetPassword code={route.query.get('code') ?? ''} onLogin={onLogin} />;
  else if (!token) page = <Login notice={notice} onLogin={onLogin} />;
  else if (meError) page = <Alert>{meError}</Alert>;
  else if (!me) page = <Loading />;
  else if (route.path === '/doi-mat-khau') page = <ChangePassword />;
  else if (route.path === '/thong-bao') page = <Inbox onUnreadChange={setUnread} />;
  else if (route.path === '/mo-hinh/moi') {
    page = <ModelPage key={`new-${pages.current.opened}`} me={me} documentId={null} periodId={route.query.get('dot')} onCreated={onCreated} />;
  } else if (route.path.startsWith('/mo-hinh/')) {
    const documentId = decodeURIComponent(route.path.slice('/mo-hinh/'.length));
    const key = documentId === pages.current.adopted ? `new-${pages.current.opened}` : documentId;
    page = <ModelPage key={key} me={me} documentId={documentId} periodId={null} onCreated={onCreated} />;
  } else page = <ModelList me={me} query={route.query} />;

  return (
    <>
      <a className="skip-link" href="#main-content" onClick={(event) => {
        event.preventDefault();
        document.getElementById('main-content')?.focus();
      }}>
        Bỏ qua, đến nội dung chính
      </a>
      <header className="site-header">
        <div className="topbar">
          <div className="container topbar__inner">
            <span>Ban Tuyên giáo và Dân vận Tỉnh ủy</span>
            {token && me && (
              <span className="topbar__user">
                {me.unit.name} · {me.user.username ?? me.user.email}
              </span>
            )}
          </div>
        </div>
        <div className="masthead">
          <div className="container masthead__inner">
            <a className="masthead__name" href="#/">
              <span className="masthead__emblem" aria-hidden="true">★</span>
              <span>
                Phong trào thi đua “Dân vận khéo”
                <small>Trang đăng ký mô hình của đơn vị</small>
              </span>
            </a>
          </div>
        </div>
        {token && (
          <nav className="navbar" aria-label="Điều hướng chính">
            <div className="container navbar__inner">
              <a className="navbar__link" href="#/" aria-current={route.path === '/' ? 'page' : undefined}>
                Mô hình của đơn vị
              </a>
              <a className="navbar__link" href="#/mo-hinh/moi" aria-current={route.path === '/mo-hinh/moi' ? 'page' : undefined}>
                Đăng ký mới
              </a>
              <a className="navbar__link" href="#/thong-bao" aria-current={route.path === '/thong-bao' ? 'page' : undefined}>
                Thông báo
                {unread > 0 && (
                  <span className="navbar__count">
                    {unread > 99 ? '99+' : unread}
                    <span className="visually-hidden"> chưa đọc</span>
                  </span>
                )}
              </a>
              <a className="navbar__link" href="#/doi-mat-khau" aria-current={route.path === '/doi-mat-khau' ? 'page' : undefined}>
                Đổi mật khẩu
              </a>
              <button className="navbar__link navbar__logout" type="button" onClick={logout}>
                Đăng xuất
              </button>
            </div>
          </nav>
        )}
      </header>
      <main id="main-content" className="container main" tabIndex={-1} data-route={route.path}>
        {page}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>Hệ thống đăng ký, xét duyệt mô hình “Dân vận khéo”.</p>
          <p>Thông tin liên hệ cá nhân chỉ dùng cho việc xét duyệt, không công bố.</p>
        </div>
      </footer>
    </>
  );
}

/** A fault in a page shows a message instead of an empty screen. */
class Fallback extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <main className="container main">
        <Alert>
          Trang gặp lỗi ngoài ý muốn. Vui lòng <a href="./">tải lại trang</a>; nội dung đã lưu nháp không bị mất.
        </Alert>
      </main>
    );
  }
}

createRoot(document.getElementById('app') as HTMLElement).render(
  <StrictMode>
    <Fallback>
      <App />
    </Fallback>
  </StrictMode>
);
