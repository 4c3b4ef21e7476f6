import { ATTRS, ID_PATTERNS, SELECTORS, anyOf, type SelectorFact } from './selectors';
import type { CapturedMessage, CaptureHealth, ParseContext, ParseResult, SavedPageMessage, SavedPageResult } from './types';

export { readSlackLocation, type SlackLocation } from './location';

/** Collects which selector alternatives matched and what went wrong, aggregated by kind. */
class HealthRecorder {
  readonly matched: Record<string, number> = {};
  private readonly problemCounts = new Map<string, number>();

  hit(name: string): void {
    this.matched[name] = (this.matched[name] ?? 0) + 1;
  }

  problem(kind: string): void {
    this.problemCounts.set(kind, (this.problemCounts.get(kind) ?? 0) + 1);
  }

  problems(): string[] {
    return [...this.problemCounts].map(([kind, n]) => (n === 1 ? kind : `${kind} (×${n})`));
  }
}

function matchingName(el: Element, fact: SelectorFact): string | null {
  for (const alternative of SELECTORS[fact]) if (el.matches(alternative.css)) return alternative.name;
  return null;
}

/**
 * The first element matching a fact. The preferred alternative is tried alone first: Slack's current markup
 * nearly always has it, and testing one selector per element is the cheaper walk. Failing that, one walk
 * for all alternatives: they name the same element or an outer one first, so document order agrees with
 * preference order.
 */
function first(scope: ParentNode, fact: SelectorFact, health: HealthRecorder): Element | null {
  const [best] = SELECTORS[fact];
  const preferred = scope.querySelector(best.css);
  if (preferred) {
    health.hit(best.name);
    return preferred;
  }
  const found = scope.querySelector(anyOf(fact));
  if (found) health.hit(matchingName(found, fact) ?? fact);
  return found;
}

function all(scope: ParentNode, fact: SelectorFact, health: HealthRecorder): Element[] {
  const found = Array.from(scope.querySelectorAll(anyOf(fact)));
  for (const el of found) health.hit(matchingName(el, fact) ?? fact);
  return found;
}

/** Message rows by the first alternative that finds any: a legacy class could also match inside newer rows. */
function messageRows(root: ParentNode, health: HealthRecorder): Element[] {
  for (const alternative of SELECTORS.messageRow) {
    const found = root.querySelectorAll(alternative.css);
    if (found.length > 0) {
      health.matched[alternative.name] = found.length;
      return Array.from(found);
    }
  }
  return [];
}

const validTs = (value: string | null | undefined): value is string => !!value && ID_PATTERNS.ts.test(value);

/** Permalinks carry the ts without its dot: p1704944089846389 → 1704944089.846389. */
const tsFromPermalinkDigits = (digits: string): string => `${digits.slice(0, -6)}.${digits.slice(-6)}`;

/** Seconds and microseconds as one integer: ten digits of seconds times 1e6 stays below 2^53. */
const sortKeyOf = (ts: string): number => {
  const [seconds, micros = ''] = ts.split('.');
  return Number(seconds) * 1e6 + Number(micros.padEnd(6, '0'));
};

/** "3 replies", "1,204": the first number in a localized label, or null when there is none that fits. */
export function countIn(text: string | null | undefined): number | null {
  const digits = /\d+/.exec((text ?? '').replace(/(\d)[,.\u00a0\u202f ](?=\d{3}\b)/g, '$1'))?.[0];
  const count = digits === undefined ? NaN : Number(digits);
  return Number.isSafeInteger(count) ? count : null;
}

/**
 * Names as normalizeName left them. Every parse indexes the tab's known people (up to 2,000) by name, and
 * normalizing that many took 2 to 10 ms on a 2-core machine: too long to repeat in each of Slack's idle moments.
 */
const normalizedNames = new Map<string, string>();
const NORMALIZED_NAMES_KEPT = 10_000;

/**
 * A name as people tell names apart: case, spacing and accents do not make "diego  alvarez" someone other
 * than "Diego Álvarez", so two people whose names match this way share a name and neither is guessed.
 */
const normalizeName = (label: string): string => {
  let name = normalizedNames.get(label);
  if (name === undefined) {
    name = label
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/^\s*@/, '')
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase();
    if (normalizedNames.size >= NORMALIZED_NAMES_KEPT) normalizedNames.clear();
    normalizedNames.set(label, name);
  }
  return name;
};

const BLOCK_TAGS = new Set(['div', 'p', 'pre', 'blockquote', 'li', 'ul', 'ol', 'section']);

interface TextParts {
  text: string;
  mentions: Array<{ id: string; label: string }>;
  /** The edited label sits inside the message text in Slack's markup. */
  edited: boolean;
}

const SPECIAL_TEXT_CSS = `${anyOf('mention')}, ${anyOf('userGroup')}, ${anyOf('editedLabel')}`;

interface TextWalk extends TextParts {
  special: Set<Element>;
  health: HealthRecorder;
}

function endLine(w: TextWalk): void {
  if (w.text.length > 0 && !w.text.endsWith('\n')) w.text += '\n';
}

function readSpecial(el: Element, w: TextWalk): void {
  const mentionName = matchingName(el, 'mention');
  if (mentionName) {
    w.health.hit(mentionName);
    const idHolder = el.hasAttribute(ATTRS.memberId) ? el : el.querySelector(`[${ATTRS.memberId}]`);
    const rawId = idHolder?.getAttribute(ATTRS.memberId) ?? el.getAttribute(ATTRS.userId) ?? '';
    const rawLabel = el.getAttribute(ATTRS.memberLabel) ?? el.textContent ?? '';
    const label = `@${rawLabel.trim().replace(/^@/, '')}`;
    w.mentions.push({ id: ID_PATTERNS.user.test(rawId) ? rawId : '', label });
    w.text += label;
  } else if (matchingName(el, 'userGroup')) {
    w.health.hit('mention.userGroup');
    w.text += el.textContent ?? '';
  } else {
    w.health.hit(matchingName(el, 'editedLabel') ?? 'edited.label');
    w.edited = true;
  }
}

/** Module-level recursion over one shared state: parsing 1,000 rows must not allocate closures per row. */
function walkText(node: Node, w: TextWalk): void {
  if (node.nodeType === 3) {
    w.text += (node as Text).data;
    return;
  }
  if (node.nodeType !== 1) return;
  const el = node as Element;
  if (w.special.size > 0 && w.special.has(el)) {
    readSpecial(el, w);
    return;
  }
  const tag = el.localName;
  if (tag === 'img') {
    const emoji = el.getAttribute(ATTRS.stringifyEmoji) ?? el.getAttribute('alt') ?? '';
    if (emoji) w.health.hit('emoji.inline');
    w.text += emoji;
    return;
  }
  if (tag === 'br') {
    w.text += '\n';
    return;
  }
  const block = BLOCK_TAGS.has(tag);
  if (block) endLine(w);
  for (let child = el.firstChild; child; child = child.nextSibling) walkText(child, w);
  if (block) endLine(w);
}

/**
 * Plain text of a message body: mentions as "@Name", emoji as ":name:", edited label dropped.
 * Special elements are found with one query, so the walk itself makes few calls into the DOM.
 */
function extractText(container: Element, health: HealthRecorder): TextParts {
  const w: TextWalk = { text: '', mentions: [], edited: false, special: new Set(container.querySelectorAll(SPECIAL_TEXT_CSS)), health };
  walkText(container, w);
  const text = w.text
    .replace(/\u00a0/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, mentions: w.mentions, edited: w.edited };
}

const NO_TEXT: TextParts = { text: '', mentions: [], edited: false };

/** The usual text node, else (when it is absent or empty) the first fallback that holds any text. */
function readText(row: Element, health: HealthRecorder): TextParts & { found: boolean } {
  const textEl = first(row, 'text', health);
  const parts = textEl ? extractText(textEl, health) : NO_TEXT;
  if (parts.text) return { ...parts, found: true };
  for (const alternative of SELECTORS.textFallback) {
    const el = row.querySelector(alternative.css);
    const fallback = el ? extractText(el, health) : NO_TEXT;
    if (!fallback.text) continue;
    health.hit(alternative.name);
    return { ...fallback, edited: fallback.edited || parts.edited, found: true };
  }
  return { ...parts, found: textEl !== null };
}

const ROW_FOOTER_CSS = `${anyOf('replyBar')}, ${anyOf('reaction')}`;

/** Called only for rows with a reply bar or reactions (see ROW_FOOTER_CSS). */
function readReactions(row: Element, health: HealthRecorder): CapturedMessage['reactions'] {
  return all(row, 'reaction', health).flatMap((button) => {
    const img = button.querySelector(`img[${ATTRS.stringifyEmoji}], img[alt]`);
    const fromImg = img?.getAttribute(ATTRS.stringifyEmoji) ?? img?.getAttribute('alt') ?? '';
    const countEl = first(button, 'reactionCount', health);
    const emoji = (fromImg || (button.textContent ?? '').replace(countEl?.textContent ?? '', '')).trim();
    if (!emoji) {
      health.problem('reaction without an emoji skipped');
      return [];
    }
    // A reaction button exists only when someone reacted, so a missing count still means at least one.
    return [{ emoji, count: countIn(countEl?.textContent) ?? 1 }];
  });
}

interface RowDraft {
  /** The message row element it was read from. */
  row: Element;
  message: Omit<CapturedMessage, 'teamId' | 'authorId' | 'authorName' | 'authorInferred'>;
  /** ts as microseconds, for ordering rows of a list (virtualized rows need not be in DOM order). */
  sortKey: number;
  teamId: string | null;
  author: { id: string; name: string } | null;
  list: Element | null;
  pane: Element | null;
  isThreadRoot: boolean;
  permalinkThreadTs: string | null;
  /** Root ts when the row's list-item id names its thread (older thread lists, where no pane surrounds the rows). */
  threadListRoot: string | null;
}

function readTs(row: Element, listItem: Element | null, stamp: Element | null, health: HealthRecorder): string | null {
  const msgTs = row.getAttribute(ATTRS.msgTs);
  if (validTs(msgTs)) {
    health.hit('ts.msgTs');
    return msgTs;
  }
  const itemKey = listItem?.getAttribute(ATTRS.itemKey);
  if (validTs(itemKey)) {
    health.hit('ts.itemKey');
    return itemKey;
  }
  if (listItem && validTs(listItem.id)) {
    health.hit('ts.itemId');
    return listItem.id;
  }
  const stampTs = stamp?.getAttribute(ATTRS.timestampTs);
  if (validTs(stampTs)) {
    health.hit('ts.timestamp');
    return stampTs;
  }
  const fromLink = ID_PATTERNS.permalink.exec(stamp?.getAttribute('href') ?? '');
  if (fromLink) {
    health.hit('ts.permalink');
    return tsFromPermalinkDigits(fromLink[2]);
  }
  return null;
}

/** Sender from the header button, else from the avatar url; the avatar is read only when it can add something. */
function readAuthor(row: Element, needTeam: boolean, health: HealthRecorder): { author: RowDraft['author']; teamId: string | null } {
  const button = first(row, 'senderButton', health);
  const buttonId = button?.getAttribute(ATTRS.sender) ?? '';
  const hasButtonId = ID_PATTERNS.user.test(buttonId);
  const avatar = hasButtonId && !needTeam ? null : first(row, 'avatar', health);
  const fromAvatar = avatar ? ID_PATTERNS.avatar.exec(avatar.getAttribute('src') ?? '') : null;
  const nameEl = button || avatar ? first(row, 'senderName', health) : null;
  const name = (nameEl?.getAttribute(ATTRS.stringifyText) ?? nameEl?.textContent ?? '').trim();
  const id = hasButtonId ? buttonId : (fromAvatar?.[2] ?? '');
  return { author: id || name ? { id, name } : null, teamId: fromAvatar?.[1] ?? null };
}

function draftRow(
  row: Element,
  pane: Element | null,
  needTeam: boolean,
  context: ParseContext,
  health: HealthRecorder,
): RowDraft | null {
  const stamp = first(row, 'timestamp', health);
  const listItem = row.closest(anyOf('listItem'));
  const ts = readTs(row, listItem, stamp, health);
  if (!ts) {
    health.problem('row without a timestamp skipped');
    return null;
  }
  const permalink = stamp?.getAttribute('href') ?? '';
  const fromLink = ID_PATTERNS.permalink.exec(permalink);
  const rowChannel = row.getAttribute(ATTRS.msgChannelId);
  const threadItem = listItem?.id ? ID_PATTERNS.threadListItem.exec(listItem.id) : null;
  let channelId = '';
  if (rowChannel && ID_PATTERNS.conversation.test(rowChannel)) {
    health.hit('channel.msgChannelId');
    channelId = rowChannel;
  } else if (fromLink) {
    health.hit('channel.permalink');
    channelId = fromLink[1];
  } else if (threadItem) {
    health.hit('channel.threadListItemId');
    channelId = threadItem[1];
  } else if (context.channelId) {
    health.hit('channel.context');
    channelId = context.channelId;
  } else {
    health.problem('row without a channel skipped');
    return null;
  }
  const { author, teamId } = readAuthor(row, needTeam, health);
  const { text, mentions, edited, found: hasText } = readText(row, health);
  const threadListRoot = threadItem && validTs(threadItem[2]) ? threadItem[2] : null;
  if (threadListRoot) health.hit('thread.listItemId');
  // Most rows have neither replies nor reactions: one probe for both spares walking the row for each.
  const hasFooter = row.querySelector(ROW_FOOTER_CSS) !== null;
  const replyBar = hasFooter ? first(row, 'replyBar', health) : null;
  const replyCountEl = replyBar ? first(replyBar, 'replyCount', health) : null;
  const replyCount = countIn(replyCountEl?.textContent);
  const threadParam = permalink.includes('thread_ts=') ? new URL(permalink, 'https://x.invalid').searchParams.get('thread_ts') : null;
  const channelName =
    context.channelId === undefined || context.channelId === channelId ? (context.channelName ?? '') : '';
  return {
    row,
    message: {
      channelId,
      channelName,
      ts,
      permalink,
      text,
      mentions,
      threadTs: replyBar ? ts : null,
      replyCount: replyBar ? (replyCount ?? 0) : 0,
      reactions: hasFooter ? readReactions(row, health) : [],
      // Slack renders the edited label inside the message text; the row is searched only when there is no text.
      edited: edited || (!hasText && first(row, 'editedLabel', health) !== null),
      inThread: false,
    },
    teamId,
    author,
    sortKey: sortKeyOf(ts),
    list: row.closest(anyOf('list')) ?? pane,
    pane,
    isThreadRoot: pane !== null && row.closest(anyOf('threadRoot')) !== null,
    permalinkThreadTs: validTs(threadParam) ? threadParam : null,
    threadListRoot,
  };
}

/** "28 replies" per thread of an older thread list, keyed like the drafts' groups (see threadGroupKey). */
function threadListCounts(root: ParentNode, health: HealthRecorder): Map<string, number> {
  const counts = new Map<string, number>();
  for (const el of all(root, 'threadSeparatorCount', health)) {
    const id = el.closest(anyOf('listItem'))?.id ?? el.closest('[id]')?.id ?? '';
    const item = ID_PATTERNS.threadListItem.exec(id);
    const count = countIn(el.textContent);
    if (item && count !== null) counts.set(`${item[1]}/${item[2]}`, count);
    else health.problem('thread reply count without its thread skipped');
  }
  return counts;
}

const threadGroupKey = (channelId: string, rootTs: string): string => `${channelId}/${rootTs}`;

/** An older thread list's rows of one thread: ids say which is the root; the separator, how many replies. */
function linkThreadList(rows: RowDraft[], rootTs: string, countFromList: number | undefined): void {
  const replies = rows.filter((d) => d.message.ts !== rootTs).length;
  for (const draft of rows) {
    draft.message.threadTs = rootTs;
    if (draft.message.ts === rootTs) {
      draft.message.replyCount = Math.max(draft.message.replyCount, countFromList ?? 0, replies);
    } else {
      draft.message.inThread = true;
      draft.message.replyCount = 0;
    }
  }
}

/** Thread pane rows: the root is repeated at the top; replies point at it through threadTs. */
function linkThread(paneRows: RowDraft[], health: HealthRecorder): void {
  const root = paneRows.find((d) => d.isThreadRoot);
  const rootTs = root?.message.ts ?? paneRows.find((d) => d.permalinkThreadTs)?.permalinkThreadTs ?? null;
  if (!rootTs) {
    health.problem('thread pane without a root');
    return;
  }
  const replies = paneRows.filter((d) => d.message.ts !== rootTs);
  for (const draft of paneRows) {
    if (draft.message.ts === rootTs) {
      draft.message.threadTs = rootTs;
      draft.message.replyCount = Math.max(draft.message.replyCount, replies.length);
    } else {
      draft.message.threadTs = draft.permalinkThreadTs ?? rootTs;
      draft.message.inThread = true;
    }
  }
}

/** A rendered message row and the key (team/channel/ts) of the message it shows. */
export interface RenderedRow {
  row: Element;
  key: string;
}

/** What a page shows: its messages and health, plus which row shows which message (for the page's own UI). */
export interface ParsedPage extends ParseResult {
  rendered: RenderedRow[];
}

/**
 * Reads every rendered message row under `root`. Pure: touches nothing, never throws on odd markup,
 * never invents a message (rows without a ts or channel are skipped and counted in health.problems).
 */
export function parseSlackPage(root: ParentNode, context: ParseContext = {}): ParsedPage {
  const { messages, health, rendered } = parseGuarded(root, context, false);
  // Without keepTeamless every message has a team: the filter only narrows the type.
  return { messages: messages.filter((m): m is CapturedMessage => m.teamId !== null), health, rendered };
}

/**
 * For a saved page (the parse CLI): like parseSlackMessages, but a page that names no team keeps its rows,
 * with `teamId: null` and a health problem saying so. The extension never stores such rows (no team, no key).
 */
export function parseSavedSlackPage(root: ParentNode, context: ParseContext = {}): SavedPageResult {
  const { messages, health } = parseGuarded(root, context, true);
  return { messages, health };
}

function parseGuarded(root: ParentNode, context: ParseContext, keepTeamless: boolean): PageParse {
  const health = new HealthRecorder();
  try {
    return parseWith(root, context, health, keepTeamless);
  } catch (error) {
    health.problem(`parser error: ${error instanceof Error ? error.message : String(error)}`);
    return { messages: [], health: report(health, false, 'unknown', 0, 0), rendered: [] };
  }
}

interface PageParse {
  messages: SavedPageMessage[];
  health: CaptureHealth;
  rendered: RenderedRow[];
}

/** The messages and health of parseSlackPage, without element references: plain data for storage or JSON. */
export function parseSlackMessages(root: ParentNode, context: ParseContext = {}): ParseResult {
  const { messages, health } = parseSlackPage(root, context);
  return { messages, health };
}

function report(
  health: HealthRecorder,
  recognized: boolean,
  markup: CaptureHealth['markup'],
  rowsSeen: number,
  rowsParsed: number,
): CaptureHealth {
  return { recognized, markup, rowsSeen, rowsParsed, matched: health.matched, problems: health.problems() };
}

function parseWith(root: ParentNode, context: ParseContext, health: HealthRecorder, keepTeamless: boolean): PageParse {
  const rows = messageRows(root, health);
  if (rows.length === 0) {
    const slackList = first(root, 'listItem', health) ?? first(root, 'clientContainer', health);
    if (!slackList) health.problem('no Slack message rows found');
    return { messages: [], health: report(health, slackList !== null, 'unknown', 0, 0), rendered: [] };
  }

  const placeholderCss = anyOf('placeholder');
  const mayHavePlaceholders = root.querySelector(placeholderCss) !== null;
  // Thread panes are rare: find them once instead of walking every row's ancestors; innermost last.
  const panes = Array.from(root.querySelectorAll(anyOf('threadPane'))).reverse();
  let pageTeam = context.teamId ?? null;
  const drafts: RowDraft[] = [];
  let placeholders = 0;
  for (const row of rows) {
    const placeholder = mayHavePlaceholders ? (row.closest(placeholderCss) ?? row.querySelector(placeholderCss)) : null;
    if (placeholder) {
      placeholders++;
      health.hit(matchingName(placeholder, 'placeholder') ?? 'skip.placeholder');
      continue;
    }
    const pane = panes.length > 0 ? (panes.find((p) => p.contains(row)) ?? null) : null;
    const draft = draftRow(row, pane, pageTeam === null, context, health);
    if (!draft) continue;
    pageTeam ??= draft.teamId;
    drafts.push(draft);
  }

  const namesById = new Map<string, string>();
  /** Everyone known by each name: a mention with only a name is resolved when exactly one person has it. */
  const idsByName = new Map<string, Set<string>>();
  const know = (id: string, name: string) => {
    namesById.set(id, name);
    const key = normalizeName(name);
    idsByName.set(key, (idsByName.get(key) ?? new Set()).add(id));
  };
  for (const person of context.knownPeople ?? []) know(person.id, person.name);
  for (const draft of drafts) if (draft.author?.id && draft.author.name) know(draft.author.id, draft.author.name);

  // Rows of one list belong together (sort order, carried authors); in an older thread list, rows of one thread do.
  const byList = new Map<Element | string | null, RowDraft[]>();
  for (const draft of drafts) {
    const group = draft.threadListRoot ? threadGroupKey(draft.message.channelId, draft.threadListRoot) : draft.list;
    const listRows = byList.get(group);
    if (listRows) listRows.push(draft);
    else byList.set(group, [draft]);
  }
  const listCounts = drafts.some((d) => d.threadListRoot) ? threadListCounts(root, health) : new Map<string, number>();

  const messages = new Map<string, { message: SavedPageMessage; fromPane: boolean }>();
  const rendered: RenderedRow[] = [];
  for (const [group, listRows] of byList) {
    listRows.sort((a, b) => a.sortKey - b.sortKey);
    const threadListRoot = typeof group === 'string' ? listRows[0].threadListRoot : null;
    if (threadListRoot) linkThreadList(listRows, threadListRoot, listCounts.get(group as string));
    else if (listRows.some((d) => d.pane)) linkThread(listRows, health);
    let carried: { id: string; name: string } | null = null;
    for (const draft of listRows) {
      const teamId = context.teamId ?? draft.teamId ?? pageTeam;
      if (!teamId && !keepTeamless) {
        health.problem('row without a team id skipped');
        continue;
      }
      if (!teamId) health.problem('team unknown: message kept with teamId null (pass --url https://app.slack.com/client/T…/C…)');
      let authorId = draft.author?.id ?? '';
      let authorName = draft.author?.name || namesById.get(authorId) || '';
      const authorInferred = draft.author === null;
      if (authorInferred) {
        if (carried) {
          health.hit('author.carried');
          ({ id: authorId, name: authorName } = carried);
        } else {
          health.problem('continuation row with unknown author');
        }
      } else {
        carried = { id: authorId, name: authorName };
      }
      for (const mention of draft.message.mentions) {
        if (mention.id) continue;
        const ids = idsByName.get(normalizeName(mention.label));
        if (ids?.size === 1) {
          health.hit('mention.resolvedByLabel');
          [mention.id] = ids;
        } else if (ids) {
          // Namesakes: crediting either could credit the wrong person; the manager picks in the panel.
          health.hit('mention.ambiguousLabel');
        }
      }
      const message: SavedPageMessage = {
        teamId: teamId ?? null,
        channelId: draft.message.channelId,
        channelName: draft.message.channelName,
        ts: draft.message.ts,
        permalink: draft.message.permalink,
        authorId,
        authorName,
        authorInferred,
        text: draft.message.text,
        mentions: draft.message.mentions,
        threadTs: draft.message.threadTs,
        replyCount: draft.message.replyCount,
        reactions: draft.message.reactions,
        edited: draft.message.edited,
        inThread: draft.message.inThread,
      };
      const key = `${message.teamId}/${message.channelId}/${message.ts}`;
      rendered.push({ row: draft.row, key });
      const existing = messages.get(key);
      const fromPane = draft.pane !== null || threadListRoot !== null;
      if (existing) {
        health.hit('dedupe.sameTs');
        // The channel's copy of a thread root outranks the pane's repeat, but keeps the pane's reply count.
        if (existing.fromPane && !fromPane) {
          message.replyCount = Math.max(message.replyCount, existing.message.replyCount);
          message.threadTs ??= existing.message.threadTs;
          messages.set(key, { message, fromPane });
        } else {
          existing.message.replyCount = Math.max(existing.message.replyCount, message.replyCount);
          existing.message.threadTs ??= message.threadTs;
        }
        continue;
      }
      messages.set(key, { message, fromPane });
    }
  }

  const parsed = [...messages.values()].map((m) => m.message);
  const markup: CaptureHealth['markup'] = health.matched['ts.msgTs'] ? '2025' : parsed.length > 0 ? '2024' : 'unknown';
  // Rows that are all still loading are Slack markup we know, not a markup change.
  const recognized = parsed.length > 0 || placeholders === rows.length;
  return { messages: parsed, health: report(health, recognized, markup, rows.length, drafts.length), rendered };
}
