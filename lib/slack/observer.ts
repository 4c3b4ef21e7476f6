import { isAspenNode } from './aspen-nodes';
import { readSlackLocation, type SlackLocation } from './location';
import { parseSlackPage, type RenderedRow } from './parse';
import { anyOf } from './selectors';
import type { CapturedMessage, ParseContext, ParseResult } from './types';

export interface ObservedBatch extends ParseResult {
  location: SlackLocation;
}

export interface ObserveOptions {
  /** Stops the observer for good (the content script's context is invalidated, or a test ends). */
  signal: AbortSignal;
  /**
   * New or changed messages (edits, reactions, replies), plus health whenever it or the location changes.
   * A batch counts as sent when this returns nothing or resolves true; otherwise its rows are kept and sent
   * again with the next batch (a `rescan`, a Slack change, or a retry a minute later), even once they have
   * scrolled away, so a paused or failing background loses none.
   */
  onBatch(batch: ObservedBatch): void | Promise<boolean>;
  /** Runs a batch later; defaults to an idle callback, then an animation frame, then a timeout. */
  schedule?: (callback: () => void) => void;
  /** How often to look for Slack's client while it boots (observing a booting Slack can freeze it). */
  bootPollMs?: number;
  /**
   * People known by name, asked at every parse: newer markup's mentions may carry only a name, and a name is
   * resolved when exactly one known person has it (the tab learns people as it reads).
   */
  knownPeople?: () => ParseContext['knownPeople'];
  /**
   * After every batch that saw rendered rows, new or remounted: the place to re-apply decorations on rows,
   * since Slack mounts rows again without telling anyone. `messages` are those rows' messages as parsed now.
   */
  onRendered?: (rows: RenderedRow[], messages: ReadonlyMap<string, CapturedMessage>) => void;
  /** How many sent rows' signatures are remembered: a tab open all day must not grow without end. */
  rememberedRows?: number;
  /** How many rows waiting to be accepted are kept (the oldest go first); a paused day of reading fits. */
  unsentRows?: number;
  /** While some rows wait to be accepted, how long until they are offered again without a Slack change. */
  retryMs?: number;
}

export interface SlackObserver {
  /** Parses the page again even though nothing changed: after capture resumes, say. */
  rescan(): void;
}

/** Several screens of rows; a row forgotten and shown again is sent again, which storing ignores. */
const REMEMBERED_ROWS = 5000;
const UNSENT_ROWS = 2000;
const RETRY_MS = 60_000;

const keyOf = (message: CapturedMessage): string => `${message.teamId}/${message.channelId}/${message.ts}`;

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
 * never throws into the page, ignores mutations inside Aspen's own nodes (its writes never wake it), and
 * stops when `options.signal` aborts.
 */
export function observeSlackMessages(doc: Document, options: ObserveOptions): SlackObserver {
  const win = doc.defaultView;
  const { signal } = options;
  const schedule = options.schedule ?? defaultSchedule(win);
  const readyCss = `${anyOf('clientContainer')}, ${anyOf('messagePane')}`;
  const watchedCss = ['title', anyOf('messagePane'), anyOf('threadPane'), anyOf('list'), anyOf('channelHeader')].join(', ');
  const cap = options.rememberedRows ?? REMEMBERED_ROWS;
  /** Signature of each row as last sent, oldest first. */
  const sent = new Map<string, number>();
  let lastStateKey = '';
  /** Rows offered but not accepted, oldest first: sent again with the next batch. */
  const unsent = new Map<string, { message: CapturedMessage; sig: number }>();
  let bootTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;

  const remember = (key: string, sig: number): void => {
    sent.delete(key);
    sent.set(key, sig);
    if (sent.size > cap) sent.delete(sent.keys().next().value!);
  };
  /** A batch the consumer did not accept: its rows and state go out again with the next one. */
  const forget = (messages: readonly CapturedMessage[], sigs: readonly number[]): void => {
    messages.forEach((message, i) => {
      const key = keyOf(message);
      if (sent.get(key) === sigs[i]) sent.delete(key);
      unsent.delete(key);
      unsent.set(key, { message, sig: sigs[i]! });
      if (unsent.size > (options.unsentRows ?? UNSENT_ROWS)) unsent.delete(unsent.keys().next().value!);
    });
    lastStateKey = '';
    if (retryTimer === undefined && !signal.aborted) {
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        requestBatch();
      }, options.retryMs ?? RETRY_MS);
    }
  };

  const shielded = (callback: () => void): void => {
    try {
      callback();
    } catch {
      // A consumer's failure must not reach Slack's page; the next batch tries again.
    }
  };
  const deliver = (batch: ObservedBatch, sigs: readonly number[]): void =>
    shielded(() => {
      const accepted = options.onBatch(batch);
      if (accepted === undefined) return;
      void accepted.then(
        (ok) => ok || forget(batch.messages, sigs),
        () => forget(batch.messages, sigs),
      );
    });

  const runBatch = (): void => {
    pending = false;
    if (signal.aborted) return;
    try {
      const location = readSlackLocation(doc, win?.location.href ?? doc.URL);
      const { rendered, ...result } = parseSlackPage(doc, { ...location, knownPeople: options.knownPeople?.() });
      const fresh: CapturedMessage[] = [];
      const sigs: number[] = [];
      for (const message of result.messages) {
        const key = keyOf(message);
        const sig = signature(message);
        if (sent.get(key) === sig) continue;
        remember(key, sig);
        fresh.push(message);
        sigs.push(sig);
      }
      const freshKeys = new Set(fresh.map(keyOf));
      for (const [key, waiting] of unsent) {
        if (freshKeys.has(key)) continue;
        remember(key, waiting.sig);
        fresh.push(waiting.message);
        sigs.push(waiting.sig);
      }
      unsent.clear();
      const { recognized, markup, problems } = result.health;
      const stateKey = JSON.stringify([location, recognized, markup, problems]);
      if (fresh.length > 0 || stateKey !== lastStateKey) {
        lastStateKey = stateKey;
        const batch = { messages: fresh, health: result.health, location };
        // Handing the batch over (a structured clone to the background) runs as a task of its own, apart from
        // the parse, so that neither makes a long stretch on Slack's main thread. Batches keep their order.
        schedule(() => signal.aborted || deliver(batch, sigs));
      }
      const { onRendered } = options;
      if (onRendered && rendered.length > 0) {
        const byKey = new Map(result.messages.map((message) => [keyOf(message), message]));
        shielded(() => onRendered(rendered, byKey));
      }
    } catch (error) {
      const problem = `observer error: ${error instanceof Error ? error.message : String(error)}`;
      deliver(
        {
          messages: [],
          health: { recognized: false, markup: 'unknown', rowsSeen: 0, rowsParsed: 0, matched: {}, problems: [problem] },
          location: {},
        },
        [],
      );
    }
  };

  const requestBatch = (): void => {
    if (pending || signal.aborted) return;
    pending = true;
    schedule(runBatch);
  };

  const isRelevant = (record: MutationRecord): boolean => {
    if (isAspenNode(record.target)) return false;
    if (record.type === 'childList' && [...record.addedNodes, ...record.removedNodes].every(isAspenNode)) return false;
    const target = record.target.nodeType === 1 ? (record.target as Element) : record.target.parentElement;
    return target?.closest(watchedCss) != null || target?.querySelector?.(watchedCss) != null;
  };

  const attach = (): void => {
    const Observer = win?.MutationObserver ?? globalThis.MutationObserver;
    const observer = new Observer((records) => {
      if (!pending && records.some(isRelevant)) requestBatch();
    });
    observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
    win?.addEventListener('popstate', requestBatch, { signal });
    signal.addEventListener('abort', () => observer.disconnect(), { once: true });
    requestBatch();
  };

  const waitForClient = (): void => {
    if (signal.aborted) return;
    if (doc.querySelector(readyCss)) attach();
    else bootTimer = setTimeout(waitForClient, options.bootPollMs ?? 500);
  };
  signal.addEventListener(
    'abort',
    () => {
      clearTimeout(bootTimer);
      clearTimeout(retryTimer);
    },
    { once: true },
  );
  waitForClient();

  return { rescan: requestBatch };
}
