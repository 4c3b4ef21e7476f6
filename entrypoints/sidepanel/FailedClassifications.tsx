import { useCallback } from 'react';
import { FailedClassificationsView } from '@/components/FailedClassificationsView';
import { broadcastStoreEvent } from '@/lib/messaging';
import { failedClassifications, retryClassifications, type AspenDb } from '@/lib/store';
import { useStoreQuery } from './useStoreQuery';

/** The messages the classifier gave up on, reloaded as messages and labels change. */
export function FailedClassifications({ db }: { db: AspenDb }) {
  const failed = useStoreQuery(
    useCallback(() => failedClassifications(db), [db]),
    ['messages', 'classifications', 'wipe'],
    [],
  );
  return (
    <FailedClassificationsView
      messages={failed}
      onRetry={async (keys) => {
        await retryClassifications(db, keys);
        broadcastStoreEvent('messages');
        await browser.runtime.sendMessage({ type: 'wake-classifier' });
      }}
    />
  );
}
