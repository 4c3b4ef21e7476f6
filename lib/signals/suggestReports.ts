import type { StoredMessage } from '../store/schema';

export interface ReportSuggestion {
  personId: string;
  name: string;
  /** Messages exchanged in direct-message channels with the manager. */
  directMessages: number;
  /** Mentions either way: the manager mentioning them, or them mentioning the manager. */
  mentions: number;
  score: number;
}

/** A direct message says more about a working relationship than a mention in a busy channel. */
export const SUGGESTION_WEIGHTS = { directMessage: 2, mention: 1 } as const;
/** Below this score a person is not suggested: one stray exchange is not a reporting line. */
export const SUGGESTION_MIN_SCORE = 6;

// Slack channel ids: C… public, G… private or group DM, D… direct message.
const isDirectChannel = (channelId: string) => channelId.startsWith('D');

/**
 * Who the manager talks with most, as a starting point for picking reports; highest score first.
 * In a DM channel, everyone other than the manager who has written there is the counterpart.
 */
export function suggestReportsFromMessages(
  selfId: string,
  messages: readonly StoredMessage[],
  { limit = 10, minScore = SUGGESTION_MIN_SCORE }: { limit?: number; minScore?: number } = {},
): ReportSuggestion[] {
  const names = new Map<string, string>();
  const dmCounterparts = new Map<string, Set<string>>();
  const dmCounts = new Map<string, number>();
  const mentionCounts = new Map<string, number>();
  const bump = (counts: Map<string, number>, id: string) => counts.set(id, (counts.get(id) ?? 0) + 1);

  for (const m of messages) {
    if (m.authorId && m.authorName) names.set(m.authorId, m.authorName);
    for (const mention of m.mentions) {
      if (mention.id && !names.has(mention.id)) names.set(mention.id, mention.label.replace(/^@/, ''));
    }
    if (isDirectChannel(m.channelId) && m.authorId && m.authorId !== selfId) {
      const counterparts = dmCounterparts.get(m.channelId) ?? new Set<string>();
      counterparts.add(m.authorId);
      dmCounterparts.set(m.channelId, counterparts);
    }
    if (m.authorId === selfId) {
      for (const id of new Set(m.mentionIds)) if (id !== selfId) bump(mentionCounts, id);
    } else if (m.authorId && m.mentionIds.includes(selfId)) {
      bump(mentionCounts, m.authorId);
    }
  }

  for (const m of messages) {
    if (!isDirectChannel(m.channelId)) continue;
    for (const id of dmCounterparts.get(m.channelId) ?? []) bump(dmCounts, id);
  }

  const ids = new Set([...dmCounts.keys(), ...mentionCounts.keys()]);
  return [...ids]
    .map((personId) => {
      const directMessages = dmCounts.get(personId) ?? 0;
      const mentions = mentionCounts.get(personId) ?? 0;
      const score = directMessages * SUGGESTION_WEIGHTS.directMessage + mentions * SUGGESTION_WEIGHTS.mention;
      return { personId, name: names.get(personId) ?? personId, directMessages, mentions, score };
    })
    .filter((s) => s.score >= minScore)
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    .slice(0, limit);
}

/**
 * The manager's own Slack id when settings do not name it: in every DM the manager is one of the two
 * parties, so it is the author who has written in the most distinct DM channels.
 */
export function inferSelfId(messages: readonly StoredMessage[]): string | null {
  const dmChannelsByAuthor = new Map<string, Set<string>>();
  for (const m of messages) {
    if (!isDirectChannel(m.channelId) || !m.authorId) continue;
    const channels = dmChannelsByAuthor.get(m.authorId) ?? new Set<string>();
    channels.add(m.channelId);
    dmChannelsByAuthor.set(m.authorId, channels);
  }
  let best: [string, number] | null = null;
  for (const [id, channels] of dmChannelsByAuthor) if (!best || channels.size > best[1]) best = [id, channels.size];
  return best && best[1] >= 2 ? best[0] : null;
}
