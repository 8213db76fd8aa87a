import { isFetchError, useFetchClient } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';

/** The Vietnamese message of a failed request (the server's own message when it gave one). */
export function errorMessage(error: unknown): string {
  if (isFetchError(error)) {
    const body = error.response?.data as { error?: { message?: string } } | undefined;
    return body?.error?.message || error.message || 'Yêu cầu không thành công.';
  }
  return error instanceof Error ? error.message : 'Đã có lỗi xảy ra.';
}

/** The HTTP status of a failed request, if it got an answer. */
export const errorStatus = (error: unknown): number | undefined => (isFetchError(error) ? error.status : undefined);

/** Errors the server attached to a 400 (e.g. per-item errors of a batch). */
export function errorDetails<T>(error: unknown): T | undefined {
  if (!isFetchError(error)) return undefined;
  return (error.response?.data as { error?: { details?: T } } | undefined)?.error?.details;
}

type State<T> = { data: T | undefined; error: unknown; isLoading: boolean };

/** GETs `url` (an admin route answering `{ data }`) whenever it changes; `reload` asks again. Null skips. */
export function useRequest<T>(url: string | null) {
  const { get } = useFetchClient();
  const [state, setState] = useState<State<T>>({ data: undefined, error: undefined, isLoading: url !== null });
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (url === null) return undefined;
    let cancelled = false;
    setState((previous) => ({ ...previous, isLoading: true }));
    get<{ data: T }>(url)
      .then((response) => {
        if (!cancelled) setState({ data: response.data.data, error: undefined, isLoading: false });
      })
      .catch((error: unknown) => {
        if (!cancelled) setState({ data: undefined, error, isLoading: false });
      });
    return () => {
      cancelled = true;
    };
    // `get` is a new function on every render; the URL and the reload tick decide.
  }, [url, tick]);

  const reload = useCallback(() => setTick((value) => value + 1), []);
  return { ...state, reload };
}
