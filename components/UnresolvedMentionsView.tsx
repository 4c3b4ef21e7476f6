import { useState } from 'react';
import type { StoredMessage } from '../lib/store/schema';
import { conversationName } from '../lib/notes/citations';
import { focusNeighbourRow } from './focus';
import { formatDateTime } from './format';

export interface UnresolvedMentionsViewProps {
  messages: readonly StoredMessage[];
  total: number;
  people: ReadonlyArray<{ id: string; name: string }>;
  /** Credits the message to the person the manager picked. */
  onCredit(key: string, personId: string): Promise<void>;
}

const unresolvedLabels = (message: StoredMessage): string =>
  [...new Set(message.mentions.filter((m) => m.id === '').map((m) => m.label))].join(', ');

function UnresolvedMessage({ message, people, onCredit }: { message: StoredMessage } & Pick<UnresolvedMentionsViewProps, 'people' | 'onCredit'>) {
  const [personId, setPersonId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const labels = unresolvedLabels(message);
  const selectId = `credit-${message.key}`;
  return (
    <li>
      <p>
        <strong>{labels}</strong> in {message.channelName ? conversationName(message) : 'a conversation'}, {formatDateTime(message.sentAt)}
      </p>
      <blockquote>{message.text}</blockquote>
      <label htmlFor={selectId}>Who is {labels}?</label>{' '}
      <select id={selectId} value={personId} onChange={(event) => setPersonId(event.target.value)} data-row-focus>
        <option value="">Choose a person…</option>
        {people.map((person) => (
          <option key={person.id} value={person.id}>
            {person.name} ({person.id})
          </option>
        ))}
      </select>{' '}
      <button
        type="button"
        disabled={personId === ''}
        onClick={(event) => {
          const button = event.currentTarget;
          void onCredit(message.key, personId).then(
            // The credited message leaves the list: on to the next one.
            () => {
              setError(null);
              focusNeighbourRow(button);
            },
            (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
          );
        }}
      >
        Credit
      </button>
      {error && <p role="alert">Could not save: {error}</p>}
    </li>
  );
}

/**
 * Mentions Aspen would not guess: a name two people in the workspace share, or one nobody known has. Nobody
 * is credited until the manager picks; people are listed with their Slack id so namesakes can be told apart.
 */
export function UnresolvedMentionsView({ messages, total, people, onCredit }: UnresolvedMentionsViewProps) {
  if (messages.length === 0) return null;
  return (
    <section className="notice notice-attention" aria-label="Mentions to resolve">
      <h3>Whom are these about?</h3>
      <p>
        {total === 1 ? 'One message mentions' : `${total} messages mention`} someone by a name Aspen cannot match to one person, so
        nobody is credited until you choose.
      </p>
      <ul>
        {messages.map((message) => (
          <UnresolvedMessage key={message.key} message={message} people={people} onCredit={onCredit} />
        ))}
      </ul>
    </section>
  );
}
