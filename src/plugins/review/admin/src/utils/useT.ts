import { useIntl } from 'react-intl';

import vi from '../translations/vi.json';
import { getTranslation } from './getTranslation';

export type MessageKey = keyof typeof vi;

/** The plugin's messages (translations/vi.json, en.json) by key, with values such as {count}. */
export function useT() {
  const { formatMessage } = useIntl();
  return (key: MessageKey, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(key), defaultMessage: vi[key] }, values);
}
