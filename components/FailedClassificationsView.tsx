import { useState } from 'react';
import type { StoredMessage } from '../lib/store/schema';

export interface FailedClassificationsViewProps {
  /** Messages the classifier failed on five times and stopped trying. */
  messages: readonly StoredMessage[];
  onRetry(keys: string[]): Promise<void>;
}

/** Messages without a label because the classifier kept failing on them; Retry queues them again. */
export function FailedClassificationsView({ messages, onRetry }: FailedClassificationsViewProps) {
  const [error, setError] = useState<string | null>(null);
  if (messages.length === 0) return null;
  return (
    <section className="notice notice-attention" aria-label="Messages the classifier could not label">
      <p>
        <strong>
          {messages.length === 1 ? 'One message' : `${messages.length} messages`} could not be classified after five attempts.
        </strong>{' '}
        They are stored, but have no label until the classifier succeeds.
      </p>
      <ul>
        {messages.slice(0, 5).map((message) => (
          <li key={message.key}>{message.text.slice(0, 120)}</li>
        ))}
      </ul>
      <button
        type="button"
        onClick={() => void onRetry(messages.map((m) => m.key)).then(() => setError(null), (e: unknown) => setError(e instanceof Error ? e.message : String(e)))}
      >
        Retry
      </button>
      {error && <p role="alert">Could not retry: {error}</p>}
    </section>
  );
}
