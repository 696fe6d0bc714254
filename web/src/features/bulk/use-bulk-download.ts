'use client';

import { useCallback, useState } from 'react';
import { downloadBulkFile } from './bulk-files';

/**
 * Downloads for one part of a page: `buttonFor(url)` gives a button's props (disabled while its file
 * downloads); `error` says why the last download failed, for the caller to show near the buttons.
 */
export function useBulkDownload() {
  const [downloading, setDownloading] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const download = useCallback(async (url: string) => {
    setError(null);
    setDownloading(url);
    try {
      await downloadBulkFile(url);
    } catch (failed) {
      setError((failed as Error).message);
    } finally {
      setDownloading(null);
    }
  }, []);
  const buttonFor = (url: string) => ({ type: 'button' as const, disabled: downloading === url, onClick: () => void download(url) });
  return { buttonFor, error };
}
