import { useIntl } from 'react-intl';

import { getTranslation } from './getTranslation';

/** The plugin's messages (translations/vi.json, en.json), with the Vietnamese text as the default. */
export function useT() {
  const { formatMessage } = useIntl();
  return (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
}
