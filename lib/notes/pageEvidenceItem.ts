import type { EvidenceItem } from '../signals/types';
import type { PageEvidence } from '../store/schema';

/** Keys of page items never collide with Slack message keys (team/channel/ts). */
export const PAGE_ITEM_PREFIX = 'page:';

export const isPageItemKey = (key: string): boolean => key.startsWith(PAGE_ITEM_PREFIX);
export const pageIdOfItemKey = (key: string): string | null => (isPageItemKey(key) ? key.slice(PAGE_ITEM_PREFIX.length) : null);

function hostOf(url: string): string {
  try {
    return new URL(url).hostname || 'page';
  } catch {
    return 'page';
  }
}

/** A Slack-like ts for the capture time, so the item sorts and dates like a message. */
function tsOf(ms: number): string {
  return `${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')}000`;
}

/**
 * A page filed under a person, as the views see evidence: a message-like item with source 'page', about that
 * person, with no author (so it reads as "a captured page", and never as something the person said).
 */
export function pageEvidenceToItem(page: PageEvidence): EvidenceItem {
  const host = hostOf(page.url);
  const text = page.excerpt && page.excerpt !== page.title ? `${page.title}\n${page.excerpt}` : page.title;
  return {
    key: `${PAGE_ITEM_PREFIX}${page.id}`,
    label: page.label,
    subjects: page.personId ? [page.personId] : [],
    source: 'page',
    message: {
      key: `${PAGE_ITEM_PREFIX}${page.id}`,
      teamId: 'page',
      channelId: host,
      channelName: host,
      ts: tsOf(page.capturedAt),
      sentAt: page.capturedAt,
      permalink: page.url,
      authorId: '',
      authorName: '',
      authorInferred: false,
      text,
      mentions: [],
      mentionIds: [],
      threadTs: null,
      replyCount: 0,
      reactions: [],
      edited: false,
      inThread: false,
      firstSeen: page.capturedAt,
      lastSeen: page.capturedAt,
      previousTexts: [],
    },
  };
}
