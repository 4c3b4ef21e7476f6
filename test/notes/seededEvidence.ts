import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { workspaceSchema, type Workspace } from '../../seeds/workspace';
import { messageKey, sentAtFromTs, type Person, type StoredMessage } from '../../lib/store/schema';
import type { EvidenceItem } from '../../lib/signals/types';

/**
 * The committed demo workspace as the notes generators see it: one EvidenceItem per seed message, with the
 * seed's ground-truth label and subjects standing in for the classifier.
 */
export const workspace: Workspace = workspaceSchema.parse(
  JSON.parse(readFileSync(fileURLToPath(new URL('../../seeds/workspace.json', import.meta.url)), 'utf8')),
);

/** The newest seed message's time, rounded up to the hour: "now" for every seeded test. */
export const SEED_NOW = Math.ceil(Math.max(...workspace.messages.map((m) => sentAtFromTs(m.ts))) / 3_600_000) * 3_600_000;

export const seededPeople: Person[] = workspace.people.map((p) => ({
  id: p.id,
  teamId: workspace.team.id,
  name: p.name,
  isReport: p.reportsTo === workspace.selfId,
  track: p.track,
  level: p.level,
  lastOneOnOne: null,
}));

const nameOf = new Map(workspace.people.map((p) => [p.id, p.name]));
const channelOf = new Map(workspace.channels.map((c) => [c.id, c]));

export const seededPerson = (name: string): Person => {
  const found = seededPeople.find((p) => p.name.startsWith(name));
  if (!found) throw new Error(`No seeded person named ${name}`);
  return found;
};

export const seededItems: EvidenceItem[] = workspace.messages.map((m) => {
  const mentionIds = [...m.text.matchAll(/<@([A-Z0-9]+)>/g)].map((match) => match[1]);
  const sentAt = sentAtFromTs(m.ts);
  const channel = channelOf.get(m.channelId);
  const message: StoredMessage = {
    teamId: workspace.team.id,
    channelId: m.channelId,
    channelName: channel?.name ?? '',
    ts: m.ts,
    permalink: `https://${workspace.team.domain}.slack.com/archives/${m.channelId}/p${m.ts.replace('.', '')}`,
    authorId: m.authorId,
    authorName: nameOf.get(m.authorId) ?? '',
    authorInferred: false,
    // Slack renders a mention as "@Name"; that is what the parser stores.
    text: m.text.replace(/<@([A-Z0-9]+)>/g, (_, id: string) => `@${nameOf.get(id) ?? id}`),
    mentions: mentionIds.map((id) => ({ id, label: `@${nameOf.get(id) ?? id}` })),
    threadTs: m.threadTs,
    replyCount: 0,
    reactions: m.reactions,
    edited: m.edited,
    inThread: m.threadTs !== null && m.threadTs !== m.ts,
    key: messageKey({ teamId: workspace.team.id, channelId: m.channelId, ts: m.ts }),
    sentAt,
    mentionIds,
    firstSeen: sentAt,
    lastSeen: sentAt,
    previousTexts: [],
  };
  return { key: message.key, message, label: m.label, subjects: m.subjects, source: 'model' };
});
