/**
 * Every Slack DOM fact Aspen relies on, in one place (see shared/SLACK_DOM.md).
 * Each fact is an ordered list of alternatives, best first; the parser records the name of the one that
 * matched in `health.matched`, so a Slack markup change shows up as a shift in those counts.
 */
export interface Selector {
  /** Stable name reported in health.matched, e.g. "row.messageContainer". */
  readonly name: string;
  readonly css: string;
}

const alt = (name: string, css: string): Selector => ({ name, css });

export const SELECTORS = {
  clientContainer: [alt('client.container', '.p-client_container')],
  messagePane: [
    alt('pane.messagePane', '[data-qa="message_pane"]'),
    alt('pane.messagePaneClass', '.p-message_pane'),
    alt('pane.primaryView', '.p-view_contents--primary'),
  ],
  messageRow: [
    alt('row.messageContainer', '[data-qa="message_container"]'),
    alt('row.messageKitClass', '.c-message_kit__message'),
    alt('row.legacyMessage', '.c-message'),
  ],
  listItem: [
    alt('listItem.virtualListItem', '[data-qa="virtual-list-item"]'),
    alt('listItem.virtualListClass', '.c-virtual_list__item'),
    alt('listItem.roleListItem', '[role="listitem"]'),
  ],
  list: [alt('list.roleList', '[role="list"]'), alt('list.virtualList', '.c-virtual_list')],
  placeholder: [
    alt('skip.placeholder', '[data-qa-placeholder="true"]'),
    alt('skip.unprocessed', '[data-qa-unprocessed="true"]'),
  ],
  separator: [alt('skip.separator', '[aria-roledescription="separator"]')],
  senderButton: [
    alt('author.senderButton', 'button[data-qa="message_sender_name"][data-message-sender]'),
    alt('author.senderButtonClass', '.c-message__sender_button[data-message-sender]'),
  ],
  senderName: [
    alt('authorName.stringifyText', '[data-qa="message_sender"][data-stringify-text]'),
    alt('authorName.senderButton', 'button[data-qa="message_sender_name"]'),
    alt('authorName.senderButtonClass', '.c-message__sender_button'),
  ],
  avatar: [
    alt('author.avatar', '.c-message_kit__gutter__left img[src]'),
    alt('author.avatarClass', '.c-message_kit__avatar img[src]'),
  ],
  timestamp: [alt('timestamp.link', 'a.c-timestamp[data-ts]'), alt('timestamp.linkHref', 'a.c-timestamp[href]')],
  text: [
    alt('text.messageText', '[data-qa="message-text"]'),
    alt('text.messageBlocks', '.c-message__message_blocks'),
    alt('text.richTextBlock', '.p-rich_text_block'),
    alt('text.messageBody', '.c-message__body'),
  ],
  /** Where older markup keeps text when the nodes above are absent or empty: beside them, or loose in the blocks. */
  textFallback: [
    alt('text.textAtom', 'span.c-message_kit__text[data-qa="text-atom"]'),
    alt('text.blocksContainer', '.c-message_kit__blocks'),
  ],
  editedLabel: [alt('edited.label', '.c-message__edited_label'), alt('edited.dataQa', '[data-qa="message_edited_label"]')],
  mention: [
    alt('mention.memberSlug', 'a.c-member_slug[data-stringify-type="mention"], a.c-member_slug[data-member-id]'),
    alt('mention.mrkdwn', '.c-mrkdwn__mention'),
    alt('mention.richTextElement', '[data-qa="rich_text_message_mention_element"]'),
    alt('mention.richTextSlug', '.p-rich_text_slug'),
  ],
  userGroup: [alt('mention.userGroup', '.c-mrkdwn__user_group')],
  emoji: [alt('emoji.stringify', 'img[data-stringify-emoji]'), alt('emoji.class', '.c-emoji')],
  reaction: [alt('reaction.reactji', 'button[data-qa="reactji"]'), alt('reaction.class', '.c-reaction')],
  reactionCount: [alt('reactionCount.class', '.c-reaction__count')],
  replyBar: [alt('replies.replyBar', '[data-qa="reply_bar"]'), alt('replies.replyBarClass', '.c-message__reply_bar')],
  replyCount: [
    alt('replyCount.dataQa', '[data-qa="reply_bar_count"]'),
    alt('replyCount.class', '.c-message__reply_count'),
  ],
  threadPane: [
    alt('thread.flexpane', '[data-qa="threads_flexpane"]'),
    alt('thread.flexpaneClass', '.p-threads_flexpane'),
    alt('thread.secondaryView', '.p-view_contents--secondary[role="dialog"]'),
  ],
  threadRoot: [alt('threadRoot.class', '.c-message_kit__thread_message--root')],
  /**
   * The open thread pane as catch-up drives it: wider than `threadPane`, since older markup has no pane
   * element around the rows that the parser could key on, only this container.
   */
  openThreadPane: [
    alt('threadPane.flexpane', '[data-qa="threads_flexpane"]'),
    alt('threadPane.flexpaneContainer', '.p-threads_flexpane_container'),
    alt('threadPane.secondaryDialog', '.p-view_contents--secondary[role="dialog"]'),
  ],
  /** What a person clicks to open a root's thread: the reply count in its reply bar. */
  openThread: [
    alt('openThread.replyBarCount', 'button[data-qa="reply_bar_count"]'),
    alt('openThread.replyCountClass', '.c-message__reply_count'),
    alt('openThread.replyBarCountAny', '[data-qa="reply_bar_count"]'),
  ],
  closeThread: [
    alt('closeThread.closeFlexpane', 'button[data-qa="close_flexpane"]'),
    alt('closeThread.headerControl', '.p-flexpane_header__control[aria-label="Close"]'),
  ],
  /** Older thread lists: "28 replies" in the `…_separator` item under a thread's root (see ID_PATTERNS.threadListItem). */
  threadSeparatorCount: [alt('threadList.separatorCount', '.p-threads_flexpane__separator_count')],
  channelHeader: [
    alt('location.channelName', '[data-qa="channel_name"]'),
    alt('location.channelTitle', '.p-view_header__channel_title'),
    alt('location.memberName', '.p-view_header__member_name'),
  ],
  selectedSidebarChannel: [
    alt(
      'location.selectedSidebar',
      '[data-qa="channel-sidebar-channel"][data-qa-channel-sidebar-channel-is-selected="true"]',
    ),
  ],
  sidebarChannelName: [alt('location.sidebarName', '.p-channel_sidebar__name')],
  /** The element that scrolls a message list; several exist (sidebar, thread pane): take one holding message rows. */
  messageScroller: [
    alt('scroll.slackKitScrollbar', '.c-virtual_list .c-scrollbar__hider[data-qa="slack_kit_scrollbar"]'),
    alt('scroll.messageList', '#message-list'),
    alt('scroll.scrollbarHider', '.c-scrollbar__hider'),
  ],
  historyLoading: [alt('history.degradedLoading', '.p-degraded_list__loading')],
  conversationStart: [alt('history.forewordTitle', 'h1.p-message_pane__foreword__title'), alt('history.foreword', '.p-message_pane__foreword')],
  /** Where Aspen's catch-up control goes: Slack's header above the conversation. */
  viewHeader: [alt('header.viewHeader', '.p-view_header'), alt('header.dataQa', '[data-qa="channel_header"]')],
} as const satisfies Record<string, readonly Selector[]>;

export type SelectorFact = keyof typeof SELECTORS;

export const ATTRS = {
  msgTs: 'data-msg-ts',
  msgChannelId: 'data-msg-channel-id',
  itemKey: 'data-item-key',
  timestampTs: 'data-ts',
  sender: 'data-message-sender',
  stringifyText: 'data-stringify-text',
  memberId: 'data-member-id',
  memberLabel: 'data-member-label',
  userId: 'data-user-id',
  stringifyEmoji: 'data-stringify-emoji',
  sidebarChannelId: 'data-qa-channel-sidebar-channel-id',
  sidebarChannelType: 'data-qa-channel-sidebar-channel-type',
} as const;

const ANY_OF = Object.fromEntries(
  Object.entries(SELECTORS).map(([fact, alternatives]) => [fact, alternatives.map((s) => s.css).join(', ')]),
) as Record<SelectorFact, string>;

/** The CSS of every alternative for a fact, for one query where any of them will do. */
export const anyOf = (fact: SelectorFact): string => ANY_OF[fact];

/**
 * Slack's web client keeps its boot configuration in the page's localStorage under this key:
 * `{ teams: { T…: { user_id: "U…" } }, lastActiveTeamId }`. It tells whose Slack this is.
 */
export const LOCAL_CONFIG_KEY = 'localConfig_v2';

/** Slack ids: team T…, user U…/W…, conversation C…/D…/G…. Lowercase words are views, never ids. */
export const ID_PATTERNS = {
  team: /^T[A-Z0-9]{6,}$/,
  user: /^[UW][A-Z0-9]{6,}$/,
  conversation: /^[CDG][A-Z0-9]{6,}$/,
  ts: /^\d{9,11}\.\d{1,6}$/,
  /** Avatar urls embed "T…-U…-": ca.slack-edge.com/T0ELQUJE4-U04137R0R1U-abcdef-48 */
  avatar: /(T[A-Z0-9]{6,})-([UW][A-Z0-9]{6,})-/,
  /** https://ws.slack.com/archives/C01RSNX4WQ3/p1704944089846389 */
  permalink: /\/archives\/([CDG][A-Z0-9]{6,})\/p(\d{10,})/,
  clientPath: /^\/client\/(T[A-Z0-9]{6,})(?:\/([^/?#]+))?/,
  /**
   * Older thread lists carry membership only in list-item ids: "C0…-<root ts>-thread-list-threads-flexpane_<ts>",
   * and "…_separator" for the item that holds the reply count.
   */
  threadListItem: /^([CDG][A-Z0-9]{6,})-(\d{9,11}\.\d{1,6})-thread-list-threads-flexpane_(.+)$/,
} as const;
