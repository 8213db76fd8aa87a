/**
 * Hash routes (`#/mo-hinh/abc?x=1`): the page works from a static folder
 * with no server-side routing. A guard can refuse leaving (unsaved changes).
 */
import { useEffect, useState } from 'react';

export type Route = { path: string; query: URLSearchParams };

const parse = (): Route => {
  const raw = window.location.hash.replace(/^#/, '') || '/';
  const [path, search = ''] = raw.split('?');
  return { path: path || '/', query: new URLSearchParams(search) };
};

let leaveGuard: (() => boolean) | null = null;
/** While set, navigating away asks the guard first (it returns true to allow). */
export const setLeaveGuard = (guard: (() => boolean) | null) => {
  leaveGuard = guard;
};

const listeners = new Set<(route: Route) => void>();
let current = window.location.hash;

window.addEventListener('hashchange', () => {
  if (window.location.hash === current) return;
  if (leaveGuard && !leaveGuard()) {
    // Put the address back without another prompt.
    window.history.replaceState(null, '', current || '#/');
    return;
  }
  current = window.location.hash;
  const route = parse();
  listeners.forEach((listener) => listener(route));
  window.scrollTo(0, 0);
});

export function useRoute(): Route {
  const [route, setRoute] = useState(parse);
  useEffect(() => {
    listeners.add(setRoute);
    return () => void listeners.delete(setRoute);
  }, []);
  return route;
}

/** Goes to a route; `replace` changes the address without a history entry or a guard prompt. */
export const navigate = (hash: string, { replace = false } = {}) => {
  if (!replace) {
    window.location.hash = hash;
    return;
  }
  window.history.replaceState(null, '', hash);
  current = window.location.hash;
  const route = parse();
  listeners.forEach((listener) => listener(route));
};
