import type { CatchUpList } from './catch-up';
import { readSlackLocation } from './location';
import { ATTRS, ID_PATTERNS, SELECTORS, anyOf } from './selectors';

/** A conversation's message list in Slack's page, as the catch-up controller drives it. */
export interface SlackHistoryList extends CatchUpList {
  /** The newest message ts rendered now. */
  newestTs(): string | null;
}

/** The scroller of the conversation's own list: the first candidate holding message rows, outside thread panes. */
export function findMessageScroller(doc: Document): HTMLElement | null {
  const rowCss = anyOf('messageRow');
  const paneCss = anyOf('threadPane');
  for (const alternative of SELECTORS.messageScroller) {
    for (const el of doc.querySelectorAll<HTMLElement>(alternative.css)) {
      if (el.closest(paneCss) === null && el.querySelector(rowCss) !== null) return el;
    }
  }
  return null;
}

const validTs = (value: string | null | undefined): value is string => !!value && ID_PATTERNS.ts.test(value);

/** A rendered list item's ts: its key, else its row's ts, else its timestamp's; null for separators and the intro. */
function itemTs(item: Element): string | null {
  const key = item.getAttribute(ATTRS.itemKey);
  if (validTs(key)) return key;
  const rowTs = item.querySelector(`[${ATTRS.msgTs}]`)?.getAttribute(ATTRS.msgTs);
  if (validTs(rowTs)) return rowTs;
  const stampTs = item.querySelector(anyOf('timestamp'))?.getAttribute(ATTRS.timestampTs);
  return validTs(stampTs) ? stampTs : null;
}

function renderedTs(scroller: Element): number[] {
  const found: number[] = [];
  for (const item of scroller.querySelectorAll(anyOf('listItem'))) {
    const ts = itemTs(item);
    if (ts) found.push(Number(ts));
  }
  return found;
}

const asTs = (value: number | undefined): string | null => (value === undefined || !Number.isFinite(value) ? null : value.toFixed(6));

/**
 * Wraps the scroller found now. Slack recycles rows as it scrolls, so nothing is held but the scroller itself;
 * when Slack replaces the scroller (a channel switch), `conversation()` has changed and the catch-up ends.
 */
export function slackHistoryList(doc: Document, scroller: HTMLElement): SlackHistoryList {
  const win = doc.defaultView;
  const extreme = (pick: (values: number[]) => number): string | null => {
    const values = renderedTs(scroller);
    return values.length === 0 ? null : asTs(pick(values));
  };
  return {
    stepUp(screens) {
      // A little under a screen, so that every row is rendered at least once between steps.
      scroller.scrollTop = Math.max(0, scroller.scrollTop - Math.max(200, scroller.clientHeight * 0.85) * screens);
    },
    oldestTs: () => extreme((values) => Math.min(...values)),
    newestTs: () => extreme((values) => Math.max(...values)),
    offset: () => scroller.scrollTop,
    isLoading: () => scroller.querySelector(anyOf('historyLoading')) !== null,
    atStart: () => scroller.scrollTop <= 10 && scroller.querySelector(anyOf('conversationStart')) !== null,
    isVisible: () => doc.visibilityState !== 'hidden',
    conversation: () => (scroller.isConnected ? (readSlackLocation(doc, win?.location.href ?? doc.URL).channelId ?? null) : null),
    returnToNewest() {
      scroller.scrollTop = scroller.scrollHeight;
    },
  };
}
