import { z } from 'zod';
import { ATTRS, ID_PATTERNS, LOCAL_CONFIG_KEY, SELECTORS, type SelectorFact } from './selectors';

export interface SlackLocation {
  teamId?: string;
  channelId?: string;
  channelName?: string;
}

const firstText = (doc: Document, fact: SelectorFact): string => {
  for (const alternative of SELECTORS[fact]) {
    const text = doc.querySelector(alternative.css)?.textContent?.trim();
    if (text) return text;
  }
  return '';
};

const cleanName = (name: string): string => name.trim().replace(/^#\s*/, '');

/** "eng-platform - Northwind - Slack" → "eng-platform"; anything else is not a channel title. */
function nameFromTitle(title: string): string {
  const parts = title.split(' - ');
  return parts.length >= 3 && parts[parts.length - 1].trim() === 'Slack' ? cleanName(parts.slice(0, -2).join(' - ')) : '';
}

/** Which team and conversation the Slack tab shows, from the URL first, then the page. */
export function readSlackLocation(doc: Document, url: string): SlackLocation {
  const location: SlackLocation = {};
  let path = '';
  try {
    path = new URL(url).pathname;
  } catch {
    path = '';
  }
  const client = ID_PATTERNS.clientPath.exec(path);
  if (client) location.teamId = client[1];
  const segment = client?.[2];
  if (segment && ID_PATTERNS.conversation.test(segment)) location.channelId = segment;
  // Lowercase segments (later, threads, activity…) are views: their header is not a channel name.
  if (segment && !location.channelId) return location;

  const selected = doc.querySelector(SELECTORS.selectedSidebarChannel[0].css);
  const selectedId = selected?.getAttribute(ATTRS.sidebarChannelId) ?? '';
  if (!location.channelId && ID_PATTERNS.conversation.test(selectedId)) location.channelId = selectedId;

  const selectedMatches = selected !== null && selectedId === location.channelId;
  const sidebarName = selectedMatches
    ? (selected.querySelector(SELECTORS.sidebarChannelName[0].css)?.textContent ?? selected.textContent ?? '')
    : '';
  const name = cleanName(firstText(doc, 'channelHeader')) || cleanName(sidebarName) || nameFromTitle(doc.title);
  if (name) location.channelName = name;
  return location;
}

const localConfigSchema = z.object({
  teams: z.record(z.string(), z.object({ user_id: z.string().regex(ID_PATTERNS.user) }).loose()),
  lastActiveTeamId: z.string().optional(),
});

/** The signed-in user's id (the manager using Aspen), from Slack's own boot configuration; undefined if unknown. */
export function readSlackSelf(storage: Pick<Storage, 'getItem'>, teamId?: string): string | undefined {
  try {
    const config = localConfigSchema.safeParse(JSON.parse(storage.getItem(LOCAL_CONFIG_KEY) ?? 'null'));
    if (!config.success) return undefined;
    const team = teamId ?? config.data.lastActiveTeamId;
    return team ? config.data.teams[team]?.user_id : undefined;
  } catch {
    return undefined;
  }
}
