/** Small Slack DOM builder for parser tests: markup as Slack renders it, one row at a time. */

export interface RowSpec {
  ts: string;
  markup?: '2024' | '2025';
  channelId?: string;
  /** Absent: a continuation row (no sender header, no avatar). */
  sender?: { id: string; name: string };
  /** Raw inner HTML of the rich text section (tests control it, so it is trusted). */
  body?: string;
  edited?: boolean;
  reactions?: Array<{ emoji: string; count: number }>;
  replies?: number;
  threadRole?: 'root' | 'reply';
  threadTs?: string;
  /** Leave the ts out of every place it could be read from. */
  noTs?: boolean;
  itemKey?: boolean;
  placeholder?: boolean;
  /** Older thread lists: the list item's id is "<channel>-<root ts>-thread-list-threads-flexpane_<ts>". */
  threadListRoot?: string;
  /** Where the body goes: the usual text node, a text-atom span beside an empty one, or loose in the blocks container. */
  textIn?: 'messageText' | 'textAtom' | 'blocks';
}

export const TEAM = 'T0ELQUJE4';

const permalink = (channelId: string, ts: string, threadTs?: string) =>
  `https://acme.slack.com/archives/${channelId}/p${ts.replace('.', '')}${threadTs ? `?thread_ts=${threadTs}&amp;cid=${channelId}` : ''}`;

export function messageRowHtml(spec: RowSpec): string {
  const markup = spec.markup ?? '2025';
  const channelId = spec.channelId ?? 'C01RSNX4WQ3';
  const classes = ['c-message_kit__message', spec.threadRole === 'root' ? 'c-message_kit__thread_message c-message_kit__thread_message--root' : spec.threadRole === 'reply' ? 'c-message_kit__thread_message' : '']
    .join(' ')
    .trim();
  const rowAttrs =
    markup === '2025' && !spec.noTs ? ` data-msg-ts="${spec.ts}" data-msg-channel-id="${channelId}"` : '';
  const stamp = spec.noTs
    ? '<a class="c-timestamp" aria-label="Yesterday at 10:34:49 PM">10:34</a>'
    : `<a class="c-timestamp c-timestamp--static" data-ts="${spec.ts}" href="${permalink(channelId, spec.ts, spec.threadTs)}" aria-label="Yesterday at 10:34:49 PM"><span class="c-timestamp__label">10:34 PM</span></a>`;
  const left = spec.sender
    ? `<button class="c-message_kit__avatar"><img src="https://ca.slack-edge.com/${TEAM}-${spec.sender.id}-6c39d3c1a0fd-48" alt=""></button>`
    : stamp;
  const header = spec.sender
    ? `<span class="c-message__sender" data-qa="message_sender" data-stringify-text="${spec.sender.name}"><button class="c-message__sender_button" data-qa="message_sender_name" data-message-sender="${spec.sender.id}">${spec.sender.name}</button></span>${stamp}`
    : '';
  const edited = spec.edited ? '<span class="c-message__edited_label" data-qa="message_edited_label"> (edited)</span>' : '';
  const reactions = spec.reactions?.length
    ? `<div class="c-reaction_bar" data-qa="reaction_bar">${spec.reactions
        .map((r) => `<button class="c-reaction" data-qa="reactji"><img class="c-emoji" data-stringify-emoji="${r.emoji}" alt="${r.emoji}"><span class="c-reaction__count">${r.count}</span></button>`)
        .join('')}</div>`
    : '';
  const replies = spec.replies
    ? `<div class="c-message__reply_bar" data-qa="reply_bar"><span data-qa="reply_bar_count">${spec.replies} replies</span><span data-qa="reply_bar_last_reply" data-ts="1704999999.000100">Last reply today</span></div>`
    : '';
  const richText = `<div class="p-rich_text_block"><div class="p-rich_text_section">${spec.body ?? ''}</div>${edited}</div>`;
  const blocks = {
    messageText: `<div class="c-message__message_blocks" data-qa="message-text">${richText}</div>`,
    textAtom: `<div class="c-message__message_blocks" data-qa="message-text"></div><span class="c-message_kit__text" data-qa="text-atom">${spec.body ?? ''}${edited}</span>`,
    blocks: `<div class="c-message_kit__blocks">${spec.body ?? ''}${edited}</div>`,
  }[spec.textIn ?? 'messageText'];
  const row = `<div class="${classes}" data-qa="message_container"${rowAttrs}><div class="c-message_kit__gutter"><div class="c-message_kit__gutter__left">${left}</div><div class="c-message_kit__gutter__right">${header}${blocks}${reactions}${replies}</div></div></div>`;
  const itemId = spec.threadListRoot ? `${channelId}-${spec.threadListRoot}-thread-list-threads-flexpane_${spec.ts}` : markup === '2024' ? spec.ts : '';
  const keyed = !spec.noTs && spec.itemKey !== false;
  const key = `${keyed ? ` data-item-key="${spec.ts}"` : ''}${itemId && (keyed || spec.threadListRoot) ? ` id="${itemId}"` : ''}`;
  const placeholder = spec.placeholder ? ' data-qa-placeholder="true"' : '';
  return `<div class="c-virtual_list__item" role="listitem" data-qa="virtual-list-item"${key}${placeholder}>${row}</div>`;
}

export const separatorHtml = (key = '1704931200000.C01RSNX4WQ3') =>
  `<div class="c-virtual_list__item" role="listitem" data-qa="virtual-list-item" data-item-key="${key}" aria-roledescription="separator"><div class="c-message_list__day_divider__label">Thursday, January 11th</div></div>`;

/** The item under a thread's root in older thread lists, carrying the thread's reply count. */
export const threadListSeparatorHtml = (channelId: string, rootTs: string, replies: number) =>
  `<div class="c-virtual_list__item" role="listitem" data-qa="virtual-list-item" id="${channelId}-${rootTs}-thread-list-threads-flexpane_separator"><div class="p-threads_flexpane__separator"><span class="p-threads_flexpane__separator_count">${replies} replies</span></div></div>`;

export const listHtml = (items: string[]) => `<div role="list" class="c-virtual_list__scroll_container">${items.join('')}</div>`;

export const threadPaneHtml = (channelName: string, items: string[]) =>
  `<div class="p-view_contents p-view_contents--secondary" role="dialog" aria-label="Thread in channel ${channelName}"><div data-qa="threads_flexpane">${listHtml(items)}</div></div>`;

export const pageHtml = (main: string, extra = '') =>
  `<!doctype html><html><head><title>general - Acme - Slack</title></head><body><div class="p-client_container"><div data-qa="message_pane">${main}</div>${extra}</div></body></html>`;

export function parseHtml(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}
