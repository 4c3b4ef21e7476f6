import { useCallback } from 'react';
import { UnresolvedMentionsView } from '@/components/UnresolvedMentionsView';
import { broadcastStoreEvent } from '@/lib/messaging';
import { setManagerTag, unresolvedMentions, type AspenDb, type Person } from '@/lib/store';
import { useStoreQuery } from './useStoreQuery';

/** The mentions waiting for the manager to pick a person, reloaded as messages and tags change. */
export function UnresolvedMentions({ db, people }: { db: AspenDb; people: readonly Person[] }) {
  const unresolved = useStoreQuery(
    useCallback(() => unresolvedMentions(db), [db]),
    ['messages', 'tags', 'wipe'],
    { messages: [], total: 0 },
  );
  return (
    <UnresolvedMentionsView
      {...unresolved}
      people={people.filter((person) => person.name !== '')}
      onCredit={async (key, personId) => {
        // The model's label stays; only whom it is about is the manager's.
        await setManagerTag(db, key, { label: null, subjects: [personId], dismissed: false });
        broadcastStoreEvent('tags');
      }}
    />
  );
}
