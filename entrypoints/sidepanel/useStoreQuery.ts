import { useEffect, useState } from 'react';
import { onStoreEvent, type StoreEvent } from '@/lib/messaging';

/**
 * `read()`'s result, read again whenever any Aspen page announces one of `events`; `initial` until the first
 * read. A failed read keeps the last result (the notices using this are hints, not the data itself).
 */
export function useStoreQuery<T>(read: () => Promise<T>, events: ReadonlyArray<StoreEvent['type']>, initial: T): T {
  const [value, setValue] = useState<T>(initial);
  const eventKey = events.join(',');
  useEffect(() => {
    let live = true;
    const load = () => void read().then((found) => live && setValue(found), () => undefined);
    load();
    const unsubscribe = onStoreEvent((event) => {
      if (eventKey.split(',').includes(event.type)) load();
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [read, eventKey]);
  return value;
}
