import { plural } from './format';

/** Said wherever counts are shown: what they leave out, and where the manager can settle it. */
export function UnsureNotice({ unsure }: { unsure: number }) {
  return (
    <p className="meta unsure-notice">
      Counts use confident or confirmed labels only.
      {unsure > 0 &&
        ` ${plural(unsure, 'message the model was unsure about is', 'messages the model was unsure about are')} left out until you confirm or correct ${unsure === 1 ? 'it' : 'them'} in a person's timeline.`}
    </p>
  );
}
