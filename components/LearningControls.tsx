import { useEffect, useId, useRef, useState } from 'react';
import { plural } from './format';

export interface LearningControlsProps {
  /** The manager's examples kept for their model (one per text). */
  examples: number;
  /** How many of them the model in use learned from; 0 while the shipped model is in use. */
  learnedFrom: number;
  /** New examples it takes before the model is refitted. */
  refitAfter: number;
  /** Forgets the examples and the refitted model; the manager's tags stay. */
  onReset: () => Promise<void>;
}

/** What the manager's corrections have taught the model, and a confirmed way back to the shipped model. */
export function LearningControls({ examples, learnedFrom, refitAfter, onReset }: LearningControlsProps) {
  const id = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [state, setState] = useState<'idle' | 'confirming' | 'busy' | 'reset' | { failed: string }>('idle');
  useEffect(() => {
    if (state === 'confirming') cancelRef.current?.focus();
  }, [state]);
  const waiting = Math.max(0, examples - learnedFrom);

  return (
    <section className="learning-controls" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>What the model learned from you</h3>
      <p>
        {learnedFrom === 0 ? (
          <>The shipped model is in use.</>
        ) : (
          <>
            The model has learned from <strong>{plural(learnedFrom, 'example', 'examples')}</strong> you gave.
          </>
        )}{' '}
        {examples > 0 && learnedFrom === 0 && `${plural(examples, 'example is', 'examples are')} kept; `}
        {learnedFrom > 0 && waiting > 0 && `${plural(waiting, 'newer example waits', 'newer examples wait')}; `}
        {(learnedFrom === 0 || waiting > 0) && `${examples > 0 ? 'it' : 'It'} learns after every ${refitAfter} new ones.`}
      </p>
      <p className="hint">
        Every correction, every confirmation of an unsure label and every Recognition tag in Slack is an example. The
        model is refitted on this computer, and your messages are labelled again in the background; a message that
        reads like one you labelled takes your label, and your team's own words in them (a tag, a bot's name, your
        shorthand) lean new messages to the labels you gave. Your own tags are never changed.
      </p>
      {examples > 0 && (
        <div className="actions">
          <button type="button" className="secondary" disabled={state === 'busy'} onClick={() => setState('confirming')}>
            Reset to the shipped model…
          </button>
        </div>
      )}
      {state === 'confirming' && (
        <div role="group" aria-labelledby={`${id}-question`} className="confirm">
          <p id={`${id}-question`}>
            <strong>Forget what the model learned from you?</strong> Your {plural(examples, 'example', 'examples')} are
            deleted and the shipped model labels your messages again. Your tags and corrections stay.
          </p>
          <div className="actions">
            <button
              type="button"
              className="danger"
              onClick={() => {
                setState('busy');
                onReset().then(
                  () => setState('reset'),
                  (error: unknown) => setState({ failed: error instanceof Error ? error.message : String(error) }),
                );
              }}
            >
              Yes, reset the model
            </button>
            <button type="button" className="secondary" ref={cancelRef} onClick={() => setState('idle')}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <div role="status" aria-live="polite">
        {state === 'reset' && <p className="meta">The shipped model is in use again.</p>}
        {typeof state === 'object' && <p className="notice notice-attention">Could not reset: {state.failed}</p>}
      </div>
    </section>
  );
}
