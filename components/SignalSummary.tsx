import type { Cue, PersonSignals } from '../lib/signals';
import { Sparkline } from './Sparkline';
import { plural } from './format';

export interface SignalSummaryProps {
  signals: PersonSignals;
  cues: readonly Cue[];
  /** Used to make the sparkline's spoken label specific. */
  personName: string;
}

export function SignalSummary({ signals, cues, personName }: SignalSummaryProps) {
  const recognitionSeries = signals.weekly.map((w) => w.recognition);
  const allSeries = signals.weekly.map((w) => w.all);
  const counts: [string, number][] = [
    ['Recognition received', signals.recognitionReceived],
    ['Recognition given', signals.recognitionGiven],
    ['Constructive', signals.constructive],
    ['Coaching', signals.coaching],
    ['Asks / blockers', signals.requests],
  ];
  const people = signals.recognitionFrom.length;
  const channels = signals.recognitionChannels.length;
  return (
    <div className="signal-summary">
      <dl className="counts">
        {counts.map(([name, value]) => (
          <div key={name} className="count">
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="trend">
        <Sparkline
          series={[
            { name: 'recognition', values: recognitionSeries },
            { name: 'all', values: allSeries },
          ]}
          label={`${personName}: recognition received per week over the last 12 weeks, oldest first: ${recognitionSeries.join(', ')}. All signals: ${allSeries.join(', ')}.`}
        />
        {/* The breadth cue below says the same, highlighted. */}
        {!cues.some((cue) => cue.id === 'breadth') && (
          <span className="sources">
            {people > 0
              ? `From ${plural(people, 'person', 'people')} in ${plural(channels, 'channel', 'channels')}`
              : 'No recognition in this period'}
          </span>
        )}
      </div>
      {cues.length > 0 && (
        <ul className="cues" aria-label="Cues">
          {cues.map((cue) => (
            <li key={cue.id} className={`cue cue-${cue.tone}`}>
              <span className="visually-hidden">{cue.tone === 'attention' ? 'Needs attention: ' : cue.tone === 'positive' ? 'Positive: ' : ''}</span>
              {cue.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
