import { useFetchClient } from '@strapi/strapi/admin';
import { useState } from 'react';

import { errorMessage } from './useRequest';

/**
 * Downloads an export (an admin route answering a file) with the admin's
 * session, and saves it under the given name. Tracks which export is running
 * and the last failure's message.
 */
export function useDownload() {
  const { get } = useFetchClient();
  const [running, setRunning] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const download = async (url: string, filename: string) => {
    setRunning(url);
    setError(null);
    try {
      const response = await get<Blob>(url, { responseType: 'blob' });
      const href = URL.createObjectURL(response.data);
      const link = document.createElement('a');
      link.href = href;
      link.download = filename;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setRunning(null);
    }
  };

  return { download, running, error };
}
