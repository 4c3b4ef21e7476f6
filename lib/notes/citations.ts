import type { EvidenceItem } from '../signals/types';
import type { StoredMessage } from '../store/schema';
import { evidenceHref } from '../safe-links';

/**
 * Where a message was said, as a reader names it: "#channel", or "DM with …" for a direct or group message
 * (D… ids; Slack's channel names never hold spaces or commas, while a group DM's header lists people's
 * names); a captured page's site as it is; the conversation id when the name is unknown.
 */
export function conversationName(message: Pick<StoredMessage, 'channelId' | 'channelName'>, isPage = false): string {
  const { channelId, channelName } = message;
  if (!channelName) return channelId;
  if (isPage) return channelName;
  return channelId.startsWith('D') || /[\s,]/.test(channelName) ? `DM with ${channelName}` : `#${channelName}`;
}

/** Where a claim came from: a captured message (or page), or one of the manager's own notes. */
export type Citation =
  | {
      kind: 'message';
      key: string;
      /** A link we are willing to render (lib/safe-links): Slack permalinks, or http(s) for captured pages; else null. */
      href: string | null;
      author: string;
      channel: string;
      sentAt: number;
    }
  | { kind: 'note'; noteId: string; at: number };

export function citeMessage(item: EvidenceItem): Citation {
  const { message } = item;
  return {
    kind: 'message',
    key: item.key,
    href: evidenceHref(item),
    author: message.authorName || message.authorId || 'Unknown',
    channel: conversationName(message, item.source === 'page'),
    sentAt: message.sentAt,
  };
}

/** YYYY-MM-DD in UTC: generated text must read the same on every machine and in tests. */
export const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const MAX_QUOTE_LENGTH = 220;

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/**
 * The part of a message worth quoting: the sentence that names the person (else the first real sentence),
 * with the sentence after it when that still fits, since praise usually states its impact next.
 */
export function extractQuote(text: string, personName?: string): string {
  const plain = text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/:[a-z0-9_+-]+:/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
  const sentences = plain
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (sentences.length === 0) return '';
  const names = personName ? [personName, personName.split(/\s+/)[0]].map((n) => n.toLowerCase()) : [];
  let start = names.length > 0 ? sentences.findIndex((s) => names.some((n) => s.toLowerCase().includes(n))) : -1;
  if (start < 0) start = Math.max(0, sentences.findIndex((s) => s.length >= 15));
  let quote = sentences[start];
  const following = sentences[start + 1];
  if (following && quote.length + following.length + 1 <= MAX_QUOTE_LENGTH) quote = `${quote} ${following}`;
  return clip(quote, MAX_QUOTE_LENGTH);
}
