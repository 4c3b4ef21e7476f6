import type { Label, Person } from '../lib/store/schema';
import type { EvidenceItem } from '../lib/signals';

export const LABEL_NAMES: Record<Label, string> = {
  recognition: 'Recognition',
  constructive: 'Constructive',
  coaching: 'Coaching',
  request: 'Ask / blocker',
  other: 'Other',
};

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export const formatDateTime = (ms: number) => dateTime.format(ms);
export const formatDate = (ms: number) => dateOnly.format(ms);

/** Resolves user ids to display names: known people first, then the names Slack showed in messages. */
export function makeNameLookup(people: readonly Person[]) {
  const names = new Map(people.map((p) => [p.id, p.name]));
  return (id: string, item?: EvidenceItem): string => {
    const known = names.get(id);
    if (known) return known;
    if (item?.message.authorId === id && item.message.authorName) return item.message.authorName;
    const mention = item?.message.mentions.find((m) => m.id === id);
    return mention ? mention.label.replace(/^@/, '') : id;
  };
}

export const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
