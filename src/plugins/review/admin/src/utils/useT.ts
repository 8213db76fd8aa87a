import { useIntl } from 'react-intl';

import vi from '../translations/vi.json';
import { getTranslation } from './getTranslation';

export type MessageKey = keyof typeof vi;
type Values = Record<string, string | number>;

/**
 * The plugin's messages (translations/vi.json, en.json), with the Vietnamese text as the fallback:
 * `t(key, values?)` for a key of the translation files, or `t(id, defaultMessage, values?)`.
 */
export function useT() {
  const { formatMessage } = useIntl();
  function t(key: MessageKey, values?: Values): string;
  function t(id: string, defaultMessage: string, values?: Values): string;
  function t(id: string, second?: string | Values, third?: Values): string {
    if (typeof second === 'string') return formatMessage({ id: getTranslation(id), defaultMessage: second }, third);
    return formatMessage({ id: getTranslation(id), defaultMessage: (vi as Record<string, string>)[id] ?? id }, second);
  }
  return t;
}
