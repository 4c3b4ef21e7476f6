import type { EvidenceItem, Person, SignalWindow } from './types';
import { involvesPerson, personSignals, type PersonSignals } from './personSignals';
import { personCues, type Cue } from './cues';
import { quietContribution } from './quietContributors';

export interface TeamRow {
  person: Person;
  signals: PersonSignals;
  cues: Cue[];
}

/** Items grouped by each listed person they involve, in one pass, so a team costs one scan, not one per person. */
export function itemsByPerson(personIds: readonly string[], items: readonly EvidenceItem[]): Map<string, EvidenceItem[]> {
  const buckets = new Map<string, EvidenceItem[]>(personIds.map((id) => [id, []]));
  for (const item of items) {
    const touched = new Set([item.message.authorId, ...item.subjects]);
    for (const id of touched) buckets.get(id)?.push(item);
  }
  return buckets;
}

/**
 * One row per person, in the order given. `threadRoots` (the roots of threads the items reply in) let the
 * quiet-contributor cue see which replies answered an ask for help.
 */
export function teamSignals(people: readonly Person[], items: readonly EvidenceItem[], window: SignalWindow, threadRoots: readonly EvidenceItem[] = []): TeamRow[] {
  const buckets = itemsByPerson(
    people.map((p) => p.id),
    items,
  );
  return people.map((person) => {
    const own = buckets.get(person.id) ?? [];
    const signals = personSignals(person.id, own, window);
    const quiet = quietContribution(person.id, own, threadRoots, window.now);
    const cues = personCues(signals, window.now);
    return { person, signals, cues: quiet ? [...cues, { id: 'quiet-contributor', tone: 'attention' as const, text: quiet.text }] : cues };
  });
}

export const personItems = (personId: string, items: readonly EvidenceItem[]): EvidenceItem[] =>
  items.filter((item) => involvesPerson(item, personId));
