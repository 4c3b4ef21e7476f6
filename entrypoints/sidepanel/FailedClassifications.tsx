import { useEffect, useState } from 'react';
import { FailedClassificationsView } from '@/components/FailedClassificationsView';
import { broadcastStoreEvent, onStoreEvent } from '@/lib/messaging';
import { failedClassifications, retryClassifications, type AspenDb, type StoredMessage } from '@/lib/store';

/** The messages the classifier gave up on, reloaded as messages and labels change. */
export function FailedClassifications({ db }: { db: AspenDb }) {
  const [failed, setFailed] = useState<StoredMessage[]>([]);
  useEffect(() => {
    let live = true;
    const load = () => void failedClassifications(db).then((found) => live && setFailed(found), () => undefined);
    load();
    const unsubscribe = onStoreEvent((event) => {
      if (event.type === 'messages' || event.type === 'classifications' || event.type === 'wipe') load();
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [db]);
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
