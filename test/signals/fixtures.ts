import type { EvidenceItem } from '../../lib/signals';
import type { Label, Person, StoredMessage } from '../../lib/store/schema';

/** Fixed "now": Wednesday 2025-06-18 12:00 UTC. */
export const NOW = Date.UTC(2025, 5, 18, 12);
export const DAY = 24 * 60 * 60 * 1000;

let seq = 0;

export interface ItemSpec {
  label: Label;
  author: string;
  subjects?: string[];
  daysAgo: number;
  channel?: string;
  text?: string;
  dismissed?: boolean;
  permalink?: string;
}

export function item(spec: ItemSpec): EvidenceItem {
  seq += 1;
  const sentAt = NOW - spec.daysAgo * DAY;
  const ts = `${Math.floor(sentAt / 1000)}.${String(seq).padStart(6, '0')}`;
  const channelName = spec.channel ?? 'general';
  const message: StoredMessage = {
    key: `T1/C-${channelName}/${ts}`,
    teamId: 'T1',
    channelId: `C-${channelName}`,
    channelName,
    ts,
    permalink: spec.permalink ?? `https://acme.slack.com/archives/C-${channelName}/p${ts.replace('.', '')}`,
    authorId: spec.author,
    authorName: spec.author.toUpperCase(),
    authorInferred: false,
    text: spec.text ?? `${spec.label} message ${seq}`,
    mentions: (spec.subjects ?? []).map((id) => ({ id, label: `@${id.toUpperCase()}` })),
    threadTs: null,
    replyCount: 0,
    reactions: [],
    edited: false,
    inThread: false,
    sentAt,
    mentionIds: spec.subjects ?? [],
    firstSeen: sentAt,
    lastSeen: sentAt,
    previousTexts: [],
  };
  return {
    key: message.key,
    message,
    label: spec.label,
    subjects: spec.subjects ?? [],
    source: 'model',
    dismissed: spec.dismissed,
  };
}

export function person(id: string, name: string, extra: Partial<Person> = {}): Person {
  return { id, teamId: 'T1', name, isReport: true, track: 'ic', level: 3, lastOneOnOne: null, ...extra };
}
