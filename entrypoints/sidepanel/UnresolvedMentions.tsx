import { useEffect, useState } from 'react';
import { UnresolvedMentionsView } from '@/components/UnresolvedMentionsView';
import { broadcastStoreEvent, onStoreEvent } from '@/lib/messaging';
import { setManagerTag, unresolvedMentions, type AspenDb, type Person, type UnresolvedMentions as Unresolved } from '@/lib/store';

/** The mentions waiting for the manager to pick a person, reloaded as messages and tags change. */
export function UnresolvedMentions({ db, people }: { db: AspenDb; people: readonly Person[] }) {
  const [unresolved, setUnresolved] = useState<Unresolved>({ messages: [], total: 0 });
  useEffect(() => {
    let live = true;
    const load = () => void unresolvedMentions(db).then((found) => live && setUnresolved(found), () => undefined);
    load();
    const unsubscribe = onStoreEvent((event) => {
      if (event.type === 'messages' || event.type === 'tags' || event.type === 'wipe') load();
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [db]);
  const named = people.filter((person) => person.name !== '');
  return (
    <UnresolvedMentionsView
      {...unresolved}
      people={named}
      onCredit={async (key, personId) => {
        // The model's label stays; only whom it is about is the manager's.
        await setManagerTag(db, key, { label: null, subjects: [personId], dismissed: false });
        broadcastStoreEvent('tags');
      }}
    />
  );
}
