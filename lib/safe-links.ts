/**
 * The only places a link is made from captured data (message permalinks, page addresses). Anything that is
 * not a plain http(s) address — javascript:, data:, credentials, look-alike Slack hosts — gets no link at all.
 */

/** A web address safe to render as a link: http(s), no credentials. */
export function safeWebUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  return parsed.username || parsed.password ? null : parsed.href;
}

/** A Slack permalink: a safe web address on slack.com or one of its subdomains. */
export function safeSlackPermalink(url: string): string | null {
  const safe = safeWebUrl(url);
  if (!safe) return null;
  const host = new URL(safe).hostname.toLowerCase();
  return host === 'slack.com' || host.endsWith('.slack.com') ? safe : null;
}

/**
 * What is stored as a message's permalink: a Slack message address (https://…slack.com/archives/…) or
 * nothing, so no other address captured from a page (or a backup) is ever kept as "the message's link".
 */
export function storedSlackPermalink(url: string): string {
  const safe = safeSlackPermalink(url);
  if (!safe) return '';
  const { protocol, pathname } = new URL(safe);
  return protocol === 'https:' && pathname.startsWith('/archives/') ? safe : '';
}

/** Where a piece of evidence links to: a captured page's own address, else its Slack message. */
export const evidenceHref = (item: { source: string; message: { permalink: string } }): string | null =>
  item.source === 'page' ? safeWebUrl(item.message.permalink) : safeSlackPermalink(item.message.permalink);
