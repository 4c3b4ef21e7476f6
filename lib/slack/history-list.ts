import type { CatchUpList } from './catch-up';
import type { CatchUpThreads } from './catch-up-threads';
import { readSlackLocation } from './location';
import { countIn } from './parse';
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

/**
 * Slack's thread pane beside the conversation's list, driven the way a person does: the reply count opens a
 * thread, the pane's close button closes it. Nothing is held across calls but the conversation's scroller.
 */
export function slackThreadPane(doc: Document, scroller: HTMLElement): CatchUpThreads {
  const openPane = (): HTMLElement | null => doc.querySelector<HTMLElement>(anyOf('openThreadPane'));
  const paneScroller = (pane: HTMLElement): HTMLElement => pane.querySelector<HTMLElement>(anyOf('messageScroller')) ?? pane;
  const rootItem = (rootTs: string): Element | undefined =>
    [...scroller.querySelectorAll(anyOf('listItem'))].find((item) => itemTs(item) === rootTs);
  return {
    rootsWithReplies() {
      const roots: string[] = [];
      for (const item of scroller.querySelectorAll(anyOf('listItem'))) {
        const control = item.querySelector(anyOf('openThread'));
        const ts = control && (countIn(control.textContent) ?? 0) > 0 ? itemTs(item) : null;
        if (ts) roots.push(ts);
      }
      return roots;
    },
    open(rootTs) {
      const control = rootItem(rootTs)?.querySelector<HTMLElement>(anyOf('openThread'));
      control?.click();
      return !!control;
    },
    pane(rootTs) {
      const pane = openPane();
      if (!pane) return 'absent';
      const shown = [...pane.querySelectorAll(anyOf('listItem'))].map(itemTs).filter(validTs);
      return shown.includes(rootTs) && shown.length > 1 ? 'ready' : 'loading';
    },
    stepDown() {
      const pane = openPane();
      if (!pane) return false;
      const list = paneScroller(pane);
      const before = list.scrollTop;
      list.scrollTop = Math.min(list.scrollHeight, before + Math.max(200, list.clientHeight * 0.85));
      return list.scrollTop > before;
    },
    close() {
      const button = openPane()?.querySelector<HTMLElement>(anyOf('closeThread'));
      button?.click();
      return !!button;
    },
  };
}
