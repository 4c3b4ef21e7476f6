import type { SeedChannel, SeedMessage, Workspace } from '../workspace';

/**
 * A Slack-like single-page client over a demo workspace, with Slack's real DOM hooks (shared/SLACK_DOM.md):
 * virtualized list, history loaded lazily as the list nears its top (with Slack's loading row, and the
 * channel intro once the start is reached), continuation rows, day separators, thread flexpane, both markup
 * generations.
 * Message text is only ever inserted as text nodes.
 */

export type Markup = '2024' | '2025';

export interface DemoOptions {
  markup: Markup;
  /** Rows mounted at a time (Slack keeps 30–50). */
  mountedRows: number;
  /** Messages per page of history, loaded as the list nears its top; Infinity loads all at once. Default 50. */
  historyPage?: number;
  /** How long a page of history takes to "arrive". Default 300 ms. */
  historyDelayMs?: number;
}

export interface SlackDemo {
  openChannel(id: string): void;
  scrollToBottom(): void;
  scrollBy(px: number): void;
  openThread(ts: string): void;
  closeThread(): void;
  /** Messages of the open channel's main list that have loaded so far, oldest first. */
  channelMessages(): SeedMessage[];
  /** Scrolled to the very top with all history loaded: the channel intro is in view. */
  atStart(): boolean;
  /**
   * Someone posts in the open channel: the message arrives at the bottom of its list, in view, as a live
   * Slack client renders a new message (tests). Returns its ts.
   */
  receiveMessage(message: Pick<SeedMessage, 'authorId' | 'text' | 'label'>): string;
}

type Child = Node | string | null | false;

function h(doc: Document, tag: string, attrs: Record<string, string> = {}, children: Child[] = []): HTMLElement {
  const el = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === false) continue;
    el.append(typeof child === 'string' ? doc.createTextNode(child) : child);
  }
  return el;
}

const EMOJI: Record<string, string> = {
  tada: '🎉', raised_hands: '🙌', clap: '👏', heart: '❤️', fire: '🔥', '100': '💯', eyes: '👀', '+1': '👍',
  bulb: '💡', pray: '🙏', white_check_mark: '✅', joy: '😂', coffee: '☕',
};

const svgData = (svg: string): string => `data:image/svg+xml,${encodeURIComponent(svg)}`;

function emojiImage(doc: Document, name: string): HTMLElement {
  const glyph = EMOJI[name.slice(1, -1)] ?? '❔';
  const src = svgData(`<svg xmlns="http://www.w3.org/2000/svg" width="22" height="22"><text x="1" y="18" font-size="18">${glyph}</text></svg>`);
  return h(doc, 'img', { class: 'c-emoji c-emoji__medium', 'data-stringify-type': 'emoji', 'data-stringify-emoji': name, alt: name, src });
}

const HOUR_MS = 3_600_000;
const tsMs = (ts: string): number => Math.round(Number(ts) * 1000);
const twoDigits = (n: number) => String(n).padStart(2, '0');
const clockLabel = (ts: string): string => {
  const d = new Date(tsMs(ts));
  const hours = d.getUTCHours();
  return `${((hours + 11) % 12) + 1}:${twoDigits(d.getUTCMinutes())} ${hours < 12 ? 'AM' : 'PM'}`;
};
const dayLabel = (ts: string): string =>
  new Date(tsMs(ts)).toLocaleDateString('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' });

interface Entry {
  key: string;
  top: number;
  height: number;
  message?: SeedMessage;
  continuation?: boolean;
  day?: string;
  /** The channel intro above the first message, or Slack's "Loading history…" row while a page is on its way. */
  edge?: 'intro' | 'loading';
}

const INTRO_HEIGHT = 140;
const LOADING_HEIGHT = 48;

export function mountSlackDemo(win: Window, workspace: Workspace, options: DemoOptions): SlackDemo {
  const doc = win.document;
  const people = new Map(workspace.people.map((p) => [p.id, p]));
  const nameOf = (id: string) => people.get(id)?.name ?? id;
  const replies = new Map<string, SeedMessage[]>();
  for (const m of workspace.messages) {
    if (m.threadTs && m.threadTs !== m.ts) replies.set(m.threadTs, [...(replies.get(m.threadTs) ?? []), m]);
  }
  const { markup } = options;
  const permalinkOf = (m: SeedMessage): string => {
    const base = `https://${workspace.team.domain}.slack.com/archives/${m.channelId}/p${m.ts.replace('.', '')}`;
    return m.threadTs && m.threadTs !== m.ts ? `${base}?thread_ts=${m.threadTs}&cid=${m.channelId}` : base;
  };

  const mention = (id: string): HTMLElement => {
    const label = `@${nameOf(id)}`;
    return markup === '2024'
      ? h(doc, 'a', { class: 'c-member_slug c-member_slug--link', 'data-stringify-type': 'mention', 'data-member-id': id, 'data-member-label': label, href: `/team/${id}` }, [label])
      : h(doc, 'span', { class: 'c-mrkdwn__mention', 'data-qa': 'rich_text_message_mention_element', 'data-stringify-type': 'mention', 'data-stringify-text': label }, [label]);
  };

  /** Slack mrkdwn → rich text blocks: sections of text, mentions and emoji; ``` blocks as <pre>. */
  const richText = (text: string): HTMLElement => {
    const block = h(doc, 'div', { class: 'p-rich_text_block', dir: 'auto' });
    text.split(/```([\s\S]*?)```/).forEach((part, i) => {
      if (i % 2 === 1) {
        block.append(h(doc, 'pre', { class: 'c-mrkdwn__pre', 'data-stringify-type': 'pre' }, [part]));
        return;
      }
      const trimmed = part.replace(/^\n+|\n+$/g, '');
      if (!trimmed) return;
      const section = h(doc, 'div', { class: 'p-rich_text_section' });
      trimmed.split(/(<@[UW][A-Z0-9]+>|:[a-z0-9_+-]+:)/).forEach((piece, j) => {
        if (j % 2 === 1) section.append(piece.startsWith('<@') ? mention(piece.slice(2, -1)) : emojiImage(doc, piece));
        else piece.split('\n').forEach((line, k) => section.append(...(k > 0 ? [h(doc, 'br')] : []), line));
      });
      block.append(section);
    });
    return block;
  };

  const avatar = (authorId: string): HTMLElement => {
    const initials = nameOf(authorId).split(' ').map((w) => w[0]).join('');
    const hue = [...authorId].reduce((a, c) => a + c.charCodeAt(0), 0) % 360;
    // The avatar url carries "T…-U…-" as Slack's CDN urls do; a data: url keeps the page offline.
    const src = svgData(`<svg xmlns="http://www.w3.org/2000/svg" width="36" height="36" data-avatar="${workspace.team.id}-${authorId}-48"><rect width="36" height="36" rx="6" fill="hsl(${hue},45%,45%)"/><text x="18" y="23" font-size="13" fill="#fff" text-anchor="middle" font-family="sans-serif">${initials}</text></svg>`);
    return h(doc, 'button', { class: 'c-message_kit__avatar c-avatar c-avatar--interactive', 'aria-hidden': 'true', tabindex: '-1' }, [
      h(doc, 'img', { class: 'c-base_icon c-base_icon--image', src, alt: '', width: '36', height: '36' }),
    ]);
  };

  const timestamp = (m: SeedMessage): HTMLElement =>
    h(doc, 'a', { class: 'c-timestamp c-timestamp--static c-link', 'data-ts': m.ts, href: permalinkOf(m), 'aria-label': `${dayLabel(m.ts)} at ${clockLabel(m.ts)}` }, [
      h(doc, 'span', { class: 'c-timestamp__label' }, [clockLabel(m.ts)]),
    ]);

  const messageRow = (m: SeedMessage, continuation: boolean, threadRole: 'root' | 'reply' | null): HTMLElement => {
    const rowAttrs: Record<string, string> = {
      class: ['c-message_kit__background', 'p-message_pane_message__message', 'c-message_kit__message',
        threadRole === 'root' ? 'c-message_kit__thread_message c-message_kit__thread_message--root' : threadRole === 'reply' ? 'c-message_kit__thread_message' : ''].join(' ').trim(),
      'data-qa': 'message_container',
      'data-qa-unprocessed': 'false',
      'data-qa-placeholder': 'false',
      role: 'presentation',
    };
    if (markup === '2025') Object.assign(rowAttrs, { 'data-msg-ts': m.ts, 'data-msg-channel-id': m.channelId });

    const text = richText(m.text);
    if (m.edited) text.append(h(doc, 'span', { class: 'c-message__edited_label', 'data-qa': 'message_edited_label', dir: 'ltr' }, [' (edited)']));
    // Thread replies show the older text shapes seen on saved pages: a text-atom span beside an empty text
    // node (2024), and text loose in the blocks container (2025).
    const blocks =
      threadRole !== 'reply'
        ? [h(doc, 'div', { class: 'c-message__message_blocks c-message__message_blocks--rich_text', 'data-qa': 'message-text' }, [
            h(doc, 'div', { class: 'p-block_kit_renderer' }, [h(doc, 'div', { class: 'p-block_kit_renderer__block_wrapper' }, [text])]),
          ])]
        : markup === '2024'
          ? [h(doc, 'div', { class: 'c-message__message_blocks', 'data-qa': 'message-text' }), h(doc, 'span', { class: 'c-message_kit__text', 'data-qa': 'text-atom', dir: 'auto' }, [text])]
          : [...text.childNodes];
    const threadReplies = threadRole === null ? (replies.get(m.ts) ?? []) : [];
    const right = h(doc, 'div', { class: 'c-message_kit__gutter__right', role: 'presentation', 'data-qa': 'message_content' }, [
      !continuation && h(doc, 'span', { class: 'c-message__sender c-message_kit__sender', 'data-qa': 'message_sender', 'data-stringify-type': 'replace', 'data-stringify-text': nameOf(m.authorId) }, [
        h(doc, 'button', { class: 'c-link--button c-message__sender_button', 'data-qa': 'message_sender_name', 'data-message-sender': m.authorId }, [nameOf(m.authorId)]),
      ]),
      !continuation && timestamp(m),
      h(doc, 'div', { class: 'c-message_kit__blocks c-message_kit__blocks--rich_text' }, blocks),
      m.reactions.length > 0 && h(doc, 'div', { class: 'c-reaction_bar', 'data-qa': 'reaction_bar', role: 'group' },
        m.reactions.map((r) => h(doc, 'button', { class: 'c-reaction', 'data-qa': 'reactji', type: 'button', 'aria-label': `${r.count} reactions, react with ${r.emoji.slice(1, -1)} emoji` }, [
          emojiImage(doc, r.emoji), h(doc, 'span', { class: 'c-reaction__count' }, [String(r.count)]),
        ]))),
      threadReplies.length > 0 && replyBar(m, threadReplies),
    ]);
    const left = h(doc, 'div', { class: 'c-message_kit__gutter__left', role: 'presentation' }, [continuation ? timestamp(m) : avatar(m.authorId)]);
    return h(doc, 'div', rowAttrs, [h(doc, 'div', { class: 'c-message_kit__gutter' }, [left, right])]);
  };

  const replyCountLabel = (n: number): string => `${n} ${n === 1 ? 'reply' : 'replies'}`;
  const replyBar = (root: SeedMessage, list: SeedMessage[]): HTMLElement => {
    const bar = h(doc, 'div', { class: 'c-message__reply_bar', 'data-qa': 'reply_bar', role: 'button', tabindex: '0' }, [
      // The count is what a person clicks: a button with its data-qa hook now, a plain classed span in 2024.
      markup === '2025'
        ? h(doc, 'button', { class: 'c-button-unstyled c-message__reply_count', 'data-qa': 'reply_bar_count', type: 'button' }, [replyCountLabel(list.length)])
        : h(doc, 'span', { class: 'c-message__reply_count' }, [replyCountLabel(list.length)]),
      h(doc, 'span', { class: 'c-message__reply_bar_last_reply', 'data-qa': 'reply_bar_last_reply', 'data-ts': list[list.length - 1].ts }, [`Last reply ${dayLabel(list[list.length - 1].ts)}`]),
    ]);
    bar.addEventListener('click', () => demo.openThread(root.ts));
    return bar;
  };

  const listItem = (key: string, top: number, height: number, content: Node, separator: boolean): HTMLElement => {
    const attrs: Record<string, string> = {
      class: 'c-virtual_list__item', role: 'listitem', tabindex: '-1', 'data-qa': 'virtual-list-item', 'data-item-key': key,
      style: `position:absolute;top:${top}px;height:${height}px;width:100%`,
    };
    if (separator) attrs['aria-roledescription'] = 'separator';
    else if (markup === '2024') attrs.id = key;
    return h(doc, 'div', attrs, [content]);
  };

  const estimateHeight = (m: SeedMessage, continuation: boolean): number => {
    const lines = m.text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 70)), 0);
    return (continuation ? 12 : 36) + lines * 23 + (m.edited ? 22 : 0) + (m.reactions.length ? 34 : 0) + (replies.has(m.ts) ? 34 : 0);
  };

  /** Positions of the loaded part of the channel's main list: intro or loading row, day separators, rows. */
  const layout = (channel: SeedChannel, loaded: SeedMessage[], edge: Entry['edge'] | null): Entry[] => {
    const entries: Entry[] = [];
    let top = 0;
    if (edge) {
      const height = edge === 'intro' ? INTRO_HEIGHT : LOADING_HEIGHT;
      entries.push({ key: `${edge}.${channel.id}`, top, height, edge });
      top += height;
    }
    let previous: SeedMessage | null = null;
    for (const m of loaded) {
      const day = dayLabel(m.ts);
      const newDay = !previous || dayLabel(previous.ts) !== day;
      if (newDay) {
        entries.push({ key: `${Math.floor(tsMs(m.ts) / 86_400_000) * 86_400_000}.${channel.id}`, top, height: 40, day });
        top += 40;
      }
      const continuation = !newDay && previous?.authorId === m.authorId && tsMs(m.ts) - tsMs(previous.ts) < HOUR_MS / 12;
      const height = estimateHeight(m, continuation);
      entries.push({ key: m.ts, top, height, message: m, continuation });
      top += height;
      previous = m;
    }
    return entries;
  };

  // ---- shell: sidebar, header, list, thread pane
  const sidebar = h(doc, 'nav', { class: 'p-channel_sidebar', 'aria-label': 'Channels' }, [
    h(doc, 'div', { class: 'p-channel_sidebar__team' }, [workspace.team.name]),
    ...workspace.channels.map((c) => {
      const row = h(doc, 'div', {
        class: 'p-channel_sidebar__channel', role: 'treeitem', tabindex: '-1', 'data-qa': 'channel-sidebar-channel',
        'data-qa-channel-sidebar-channel-id': c.id, 'data-qa-channel-sidebar-channel-type': c.type,
        'data-qa-channel-sidebar-channel-is-selected': 'false',
      }, [h(doc, 'span', { class: 'p-channel_sidebar__name' }, [c.type === 'im' || c.type === 'mpdm' ? c.name : `# ${c.name}`])]);
      row.addEventListener('click', () => demo.openChannel(c.id));
      return row;
    }),
  ]);
  const header = h(doc, 'div', { class: 'p-view_header' });
  const scrollContainer = h(doc, 'div', { class: 'c-virtual_list__scroll_container', role: 'list', 'aria-label': '' });
  const scroller = h(doc, 'div', { class: 'c-scrollbar__hider', 'data-qa': 'slack_kit_scrollbar' }, [scrollContainer]);
  const primary = h(doc, 'div', { class: 'p-view_contents p-view_contents--primary' }, [
    header,
    h(doc, 'div', { class: 'p-message_pane', 'data-qa': 'message_pane' }, [h(doc, 'div', { class: 'c-virtual_list c-virtual_list--scrollbar' }, [scroller])]),
  ]);
  const workspaceEl = h(doc, 'div', { class: 'p-workspace__primary_view' }, [primary]);
  const client = h(doc, 'div', { class: 'p-client_container' }, [h(doc, 'div', { class: 'p-client' }, [sidebar, workspaceEl])]);
  doc.body.querySelector('.p-client_container')?.remove();
  doc.body.prepend(client);

  let channel = workspace.channels[0];
  let entries: Entry[] = [];
  /** The open channel's top-level messages, oldest first; the newest `loadedCount` of them have loaded. */
  let roots: SeedMessage[] = [];
  let loadedCount = 0;
  let historyTimer: ReturnType<typeof setTimeout> | undefined;
  const historyPage = options.historyPage ?? 50;
  const mounted = new Map<string, HTMLElement>();
  let frameRequested = false;

  const viewportHeight = () => scroller.clientHeight || 800;
  const totalHeight = () => {
    const last = entries[entries.length - 1];
    return last ? last.top + last.height : 0;
  };

  /** Lays out what has loaded; keeps the rows in view where they were when history grows above them. */
  const relayout = (): void => {
    const before = totalHeight();
    const allLoaded = loadedCount >= roots.length;
    entries = layout(channel, roots.slice(roots.length - loadedCount), allLoaded ? 'intro' : historyTimer !== undefined ? 'loading' : null);
    for (const el of mounted.values()) el.remove();
    mounted.clear();
    scrollContainer.style.height = `${totalHeight()}px`;
    if (before > 0) scroller.scrollTop += totalHeight() - before;
  };

  /** Near the top with more history to come: show the loading row, and a page of older rows after a delay. */
  const loadHistoryIfNeeded = (): void => {
    if (historyTimer !== undefined || loadedCount >= roots.length || scroller.scrollTop > viewportHeight()) return;
    const forChannel = channel;
    historyTimer = setTimeout(() => {
      historyTimer = undefined;
      if (forChannel !== channel) return;
      loadedCount = Math.min(roots.length, loadedCount + historyPage);
      relayout();
      renderWindow();
    }, options.historyDelayMs ?? 300);
    relayout();
  };

  const edgeContent = (entry: Entry): HTMLElement =>
    entry.edge === 'intro'
      ? h(doc, 'div', { class: 'p-message_pane__foreword' }, [
          h(doc, 'h1', { class: 'p-message_pane__foreword__title' }, [channel.type === 'im' || channel.type === 'mpdm' ? channel.name : `# ${channel.name}`]),
          h(doc, 'p', { class: 'p-message_pane__foreword__description' }, [`This is the very beginning of ${channel.name}.`]),
        ])
      : h(doc, 'div', { class: 'p-degraded_list__loading', role: 'status' }, ['Loading history…']);

  const renderWindow = (): void => {
    frameRequested = false;
    loadHistoryIfNeeded();
    const top = scroller.scrollTop;
    let first = entries.findIndex((e) => e.top + e.height > top);
    if (first < 0) first = Math.max(0, entries.length - 1);
    let last = first;
    while (last < entries.length - 1 && entries[last + 1].top < top + viewportHeight()) last++;
    const spare = Math.max(0, options.mountedRows - (last - first + 1));
    const start = Math.max(0, Math.min(first - Math.floor(spare / 2), entries.length - options.mountedRows));
    const wanted = entries.slice(start, start + Math.max(options.mountedRows, last - first + 1));
    const wantedKeys = new Set(wanted.map((e) => e.key));
    for (const [key, el] of mounted) {
      if (!wantedKeys.has(key)) {
        el.remove();
        mounted.delete(key);
      }
    }
    let anchor: Node | null = null;
    for (let i = wanted.length - 1; i >= 0; i--) {
      const entry = wanted[i];
      let el = mounted.get(entry.key);
      if (!el) {
        const content = entry.edge
          ? edgeContent(entry)
          : entry.message
          ? messageRow(entry.message, !!entry.continuation, null)
          : h(doc, 'div', { class: 'c-message_list__day_divider', role: 'separator' }, [h(doc, 'div', { class: 'c-message_list__day_divider__label' }, [entry.day ?? ''])]);
        el = listItem(entry.key, entry.top, entry.height, content, !entry.message && !entry.edge);
        mounted.set(entry.key, el);
        scrollContainer.insertBefore(el, anchor);
      }
      anchor = el;
    }
  };

  const requestRender = (): void => {
    if (frameRequested) return;
    frameRequested = true;
    if (win.requestAnimationFrame) win.requestAnimationFrame(renderWindow);
    else renderWindow();
  };
  scroller.addEventListener('scroll', requestRender);

  let threadPane: HTMLElement | null = null;

  const demo: SlackDemo = {
    openChannel(id) {
      const next = workspace.channels.find((c) => c.id === id);
      if (!next) throw new Error(`no channel ${id}`);
      channel = next;
      demo.closeThread();
      for (const row of sidebar.querySelectorAll('[data-qa="channel-sidebar-channel"]')) {
        row.setAttribute('data-qa-channel-sidebar-channel-is-selected', String(row.getAttribute('data-qa-channel-sidebar-channel-id') === id));
      }
      const direct = channel.type === 'im' || channel.type === 'mpdm';
      header.replaceChildren(
        direct
          ? h(doc, 'span', { class: 'p-view_header__member_name', 'data-qa': 'channel_name' }, [channel.name])
          : h(doc, 'button', { class: 'p-view_header__channel_title', 'data-qa': 'channel_name' }, [channel.name]),
      );
      doc.title = `${channel.name} - ${workspace.team.name} - Slack`;
      try {
        win.history.pushState({}, '', `/client/${workspace.team.id}/${channel.id}${win.location.search}`);
      } catch {
        // file:// pages cannot change their path; the header and title still follow the channel.
      }
      scrollContainer.setAttribute('aria-label', channel.name);
      clearTimeout(historyTimer);
      historyTimer = undefined;
      roots = workspace.messages.filter((m) => m.channelId === channel.id && (!m.threadTs || m.threadTs === m.ts));
      loadedCount = Math.min(roots.length, historyPage);
      entries = [];
      relayout();
      demo.scrollToBottom();
    },
    scrollToBottom() {
      scroller.scrollTop = Math.max(0, Number.parseFloat(scrollContainer.style.height || '0') - viewportHeight());
      renderWindow();
    },
    scrollBy(px) {
      scroller.scrollTop = Math.max(0, scroller.scrollTop + px);
      renderWindow();
    },
    openThread(ts) {
      const root = workspace.messages.find((m) => m.ts === ts && m.channelId === channel.id);
      if (!root) throw new Error(`no message ${ts} in ${channel.id}`);
      demo.closeThread();
      const threadList = h(doc, 'div', { class: 'c-virtual_list__scroll_container', role: 'list', 'aria-label': 'Thread' });
      const threadReplies = replies.get(ts) ?? [];
      // 2024: membership only in list-item ids ("<channel>-<root>-thread-list-threads-flexpane_<ts>"), the
      // reply count in a "…_separator" item, and no pane element around the rows (as on saved thread pages).
      const threadItemId = (suffix: string) => `${channel.id}-${root.ts}-thread-list-threads-flexpane_${suffix}`;
      let previous: SeedMessage | null = null;
      for (const m of [root, ...threadReplies]) {
        const continuation = previous !== null && previous.authorId === m.authorId && tsMs(m.ts) - tsMs(previous.ts) < HOUR_MS / 12;
        const item = listItem(m.ts, 0, 0, messageRow(m, continuation, m === root ? 'root' : 'reply'), false);
        item.removeAttribute('style');
        if (markup === '2024') item.id = threadItemId(m.ts);
        threadList.append(item);
        if (markup === '2024' && m === root) {
          const count = replyCountLabel(threadReplies.length);
          threadList.append(h(doc, 'div', { class: 'c-virtual_list__item', role: 'listitem', 'data-qa': 'virtual-list-item', id: threadItemId('separator') }, [
            h(doc, 'div', { class: 'p-threads_flexpane__separator' }, [h(doc, 'span', { class: 'p-threads_flexpane__separator_count' }, [count])]),
          ]));
        }
        previous = m;
      }
      const close = h(doc, 'button', { class: 'p-flexpane_header__control', ...(markup === '2025' ? { 'data-qa': 'close_flexpane' } : {}), 'aria-label': 'Close' }, ['×']);
      close.addEventListener('click', () => demo.closeThread());
      const paneBody = [h(doc, 'div', { class: 'p-flexpane_header' }, [h(doc, 'span', {}, ['Thread']), close]), h(doc, 'div', { class: 'p-threads_flexpane__body' }, [threadList])];
      threadPane =
        markup === '2024'
          ? h(doc, 'div', { class: 'p-view_contents p-view_contents--secondary p-threads_flexpane_container' }, paneBody)
          : h(doc, 'div', { class: 'p-view_contents p-view_contents--secondary', role: 'dialog', 'aria-label': `Thread in channel ${channel.name}` }, [
              h(doc, 'div', { class: 'p-threads_flexpane', 'data-qa': 'threads_flexpane' }, paneBody),
            ]);
      workspaceEl.append(threadPane);
    },
    closeThread() {
      threadPane?.remove();
      threadPane = null;
    },
    channelMessages() {
      return entries.flatMap((e) => (e.message ? [e.message] : []));
    },
    atStart() {
      return scroller.scrollTop === 0 && entries[0]?.edge === 'intro';
    },
    receiveMessage({ authorId, text, label }) {
      // Slack's ts is the send time in seconds with microseconds; later than every loaded one, and unique.
      const newest = roots.length > 0 ? tsMs(roots[roots.length - 1].ts) : 0;
      const ts = (Math.max(Date.now(), newest + 1) / 1000).toFixed(6);
      const message: SeedMessage = { channelId: channel.id, ts, authorId, text, threadTs: null, reactions: [], edited: false, label, subjects: [] };
      workspace.messages.push(message);
      roots.push(message);
      loadedCount++;
      relayout();
      demo.scrollToBottom();
      return ts;
    },
  };

  const fromUrl = /^\/client\/T[A-Z0-9]+\/([CDG][A-Z0-9]+)/.exec(win.location.pathname)?.[1];
  demo.openChannel(workspace.channels.some((c) => c.id === fromUrl) ? fromUrl! : channel.id);
  return demo;
}

export const DEMO_CSS = `
*{box-sizing:border-box}body{margin:0;font:15px/1.45 -apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1c1d}
.p-client{display:flex;height:100vh}
.p-channel_sidebar{width:240px;background:#3f0e40;color:#cfc3cf;padding:8px 0;overflow:auto;flex:none}
.p-channel_sidebar__team{color:#fff;font-weight:700;padding:8px 16px 12px}
.p-channel_sidebar__channel{padding:4px 16px;cursor:pointer}
.p-channel_sidebar__channel[data-qa-channel-sidebar-channel-is-selected="true"]{background:#1164a3;color:#fff}
.p-workspace__primary_view{flex:1;display:flex;min-width:0}
.p-view_contents--primary{flex:1;display:flex;flex-direction:column;min-width:0}
.p-view_header{height:49px;border-bottom:1px solid #ddd;padding:0 20px;font-weight:700;display:flex;align-items:center;gap:12px;overflow:hidden}
.p-view_header button{all:unset;font-weight:900}
.p-message_pane,.c-virtual_list{flex:1;min-height:0;display:flex;flex-direction:column}
.c-scrollbar__hider{flex:1;overflow-y:auto;position:relative}
.c-virtual_list__scroll_container{position:relative}
.c-virtual_list__item{overflow:hidden}
.c-message_list__day_divider{text-align:center;border-top:1px solid #ddd;margin-top:20px}
.c-message_list__day_divider__label{display:inline-block;position:relative;top:-12px;background:#fff;border:1px solid #ddd;border-radius:12px;padding:0 12px;font-size:13px;font-weight:700}
.c-message_kit__gutter{display:flex;padding:4px 20px}
.c-message_kit__gutter__left{width:44px;flex:none}
.c-message_kit__gutter__left .c-timestamp{font-size:11px;color:#888;visibility:hidden}
.c-message_kit__message:hover .c-message_kit__gutter__left .c-timestamp{visibility:visible}
.c-message_kit__message:hover{background:#f8f8f8}
.c-avatar{all:unset}.c-base_icon{border-radius:6px}
.c-message__sender_button{all:unset;font-weight:900;cursor:pointer;margin-right:6px}
.c-timestamp{color:#616061;font-size:12px;text-decoration:none}
.c-mrkdwn__mention,.c-member_slug{background:#e8f5fa;color:#1264a3;border-radius:3px;padding:0 2px}
.c-mrkdwn__pre{background:#f8f8f8;border:1px solid #ddd;border-radius:4px;padding:8px;white-space:pre-wrap;font:12px monospace;margin:4px 0}
.c-emoji{width:22px;height:22px;vertical-align:middle}
.c-message__edited_label{color:#888;font-size:13px}
.c-reaction_bar{display:flex;gap:4px;margin-top:4px}
.c-reaction{border:1px solid #ddd;border-radius:12px;background:#f2f2f2;padding:0 6px;display:flex;align-items:center;gap:4px}
.c-message__reply_count{all:unset;cursor:pointer}.c-message__reply_count:focus-visible{outline:2px solid #1264a3}
.c-message__reply_bar{color:#1264a3;font-weight:700;font-size:13px;cursor:pointer;margin-top:4px;display:flex;gap:8px}
.c-message__reply_bar_last_reply{color:#888;font-weight:400}
.p-view_contents--secondary{width:380px;border-left:1px solid #ddd;overflow-y:auto;flex:none}
.p-flexpane_header{display:flex;justify-content:space-between;padding:12px 16px;border-bottom:1px solid #ddd;font-weight:900}
.p-view_contents--secondary .c-virtual_list__scroll_container{position:static}
.p-message_pane__foreword{padding:40px 20px 16px}.p-message_pane__foreword__title{font-size:22px;margin:0 0 6px}
.p-degraded_list__loading{padding:14px 20px;color:#616061;text-align:center}
`;
