import { readSlackLocation, type SlackLocation } from './location';
import { parseSlackPage, type RenderedRow } from './parse';
import { anyOf } from './selectors';
import type { CapturedMessage, ParseContext, ParseResult } from './types';

export interface ObservedBatch extends ParseResult {
  location: SlackLocation;
}

export interface ObserveOptions {
  /** New or changed messages (edits, reactions, replies), plus health whenever it or the location changes. */
  onBatch(batch: ObservedBatch): void;
  /** Runs a batch later; defaults to an idle callback, then an animation frame, then a timeout. */
  schedule?: (callback: () => void) => void;
  /** How often to look for Slack's client while it boots (observing a booting Slack can freeze it). */
  bootPollMs?: number;
  knownPeople?: ParseContext['knownPeople'];
  /**
   * After every batch that saw rendered rows, new or remounted: the place to re-apply decorations on rows,
   * since Slack mounts rows again without telling anyone.
   */
  onRendered?: (rows: RenderedRow[]) => void;
}

/** FNV-1a over the message's JSON: a cheap content signature, so an unchanged remounted row is not re-sent. */
function signature(message: CapturedMessage): number {
  const json = JSON.stringify(message);
  let hash = 0x811c9dc5;
  for (let i = 0; i < json.length; i++) {
    hash ^= json.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function defaultSchedule(win: (Window & typeof globalThis) | null): (callback: () => void) => void {
  if (win?.requestIdleCallback) return (callback) => win.requestIdleCallback(callback, { timeout: 250 });
  if (win?.requestAnimationFrame) return (callback) => win.requestAnimationFrame(() => callback());
  return (callback) => setTimeout(callback, 16);
}

/**
 * Watches the Slack tab and reports rendered messages in batches. Starts only once Slack's client exists,
 * never throws into the page, and returns a disposer.
 */
export function observeSlackMessages(doc: Document, options: ObserveOptions): () => void {
  const win = doc.defaultView;
  const schedule = options.schedule ?? defaultSchedule(win);
  const readyCss = `${anyOf('clientContainer')}, ${anyOf('messagePane')}`;
  const watchedCss = ['title', anyOf('messagePane'), anyOf('threadPane'), anyOf('list'), anyOf('channelHeader')].join(', ');
  const sent = new Map<string, number>();
  let lastStateKey = '';
  let observer: MutationObserver | null = null;
  let bootTimer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  let disposed = false;

  const shielded = (callback: () => void): void => {
    try {
      callback();
    } catch {
      // A consumer's failure must not reach Slack's page; the next batch tries again.
    }
  };
  const deliver = (batch: ObservedBatch): void => shielded(() => options.onBatch(batch));

  const runBatch = (): void => {
    pending = false;
    if (disposed) return;
    try {
      const location = readSlackLocation(doc, win?.location.href ?? doc.URL);
      const { rendered, ...result } = parseSlackPage(doc, { ...location, knownPeople: options.knownPeople });
      const fresh = result.messages.filter((message) => {
        const key = `${message.teamId}/${message.channelId}/${message.ts}`;
        const sig = signature(message);
        if (sent.get(key) === sig) return false;
        sent.set(key, sig);
        return true;
      });
      const { recognized, markup, problems } = result.health;
      const stateKey = JSON.stringify([location, recognized, markup, problems]);
      if (fresh.length > 0 || stateKey !== lastStateKey) {
        lastStateKey = stateKey;
        deliver({ messages: fresh, health: result.health, location });
      }
      const { onRendered } = options;
      if (onRendered && rendered.length > 0) shielded(() => onRendered(rendered));
    } catch (error) {
      const problem = `observer error: ${error instanceof Error ? error.message : String(error)}`;
      deliver({
        messages: [],
        health: { recognized: false, markup: 'unknown', rowsSeen: 0, rowsParsed: 0, matched: {}, problems: [problem] },
        location: {},
      });
    }
  };

  const requestBatch = (): void => {
    if (pending || disposed) return;
    pending = true;
    schedule(runBatch);
  };

  const isRelevant = (record: MutationRecord): boolean => {
    const target = record.target.nodeType === 1 ? (record.target as Element) : record.target.parentElement;
    return target?.closest(watchedCss) != null || target?.querySelector?.(watchedCss) != null;
  };

  const attach = (): void => {
    const Observer = win?.MutationObserver ?? globalThis.MutationObserver;
    observer = new Observer((records) => {
      if (!pending && records.some(isRelevant)) requestBatch();
    });
    observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
    win?.addEventListener('popstate', requestBatch);
    requestBatch();
  };

  const waitForClient = (): void => {
    if (disposed) return;
    if (doc.querySelector(readyCss)) attach();
    else bootTimer = setTimeout(waitForClient, options.bootPollMs ?? 500);
  };
  waitForClient();

  return () => {
    disposed = true;
    clearTimeout(bootTimer);
    observer?.disconnect();
    win?.removeEventListener('popstate', requestBatch);
  };
}
