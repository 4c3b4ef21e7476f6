import type { SeedMessage, SeedPerson } from '../../seeds/workspace';
import { seededWorkspace } from './seeded-slack';

export const { team } = seededWorkspace;
export const CHANNEL = 'C0PLATFRM1';
const AUTHOR = 'U0ENG0002';
/** A person whose display name is markup: Slack shows it as text, and so must Aspen. */
export const HOSTILE_PERSON: SeedPerson = {
  id: 'U0EVIL0001',
  name: '<img src=x onerror="window.__pwned=3">Eve',
  title: 'Engineer',
  track: 'ic',
  level: 3,
  reportsTo: null,
};
const lastTs = Math.max(...seededWorkspace.messages.filter((m) => m.channelId === CHANNEL).map((m) => Number(m.ts)));
export const HOSTILE_TS = `${Math.floor(lastTs) + 60}.000100`;
const HOSTILE_TEXT =
  'Great work <@U0EVIL0001>! <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> see javascript:alert(1)';
/** The hostile person writes first, so that Slack's 2025 markup (mentions without ids) can name them. */
const hostileGreeting: SeedMessage = {
  channelId: CHANNEL,
  ts: `${Math.floor(lastTs) + 30}.000100`,
  authorId: HOSTILE_PERSON.id,
  text: 'hello team',
  threadTs: null,
  reactions: [],
  edited: false,
  label: 'other',
  subjects: [],
};
const hostileMessage: SeedMessage = {
  channelId: CHANNEL,
  ts: HOSTILE_TS,
  authorId: AUTHOR,
  text: HOSTILE_TEXT,
  threadTs: null,
  reactions: [],
  edited: false,
  label: 'recognition',
  subjects: [HOSTILE_PERSON.id],
};

/**
 * Slack's page is untrusted input. Besides the hostile text (which Slack itself shows as text), the row gets a
 * real javascript: link in its body and a javascript: permalink, as a compromised or future Slack DOM might.
 */
export function hostileSlackPage(seed: { people: SeedPerson[]; messages: SeedMessage[]; ts: string }) {
  (window as unknown as { __aspenSeed: unknown }).__aspenSeed = { people: seed.people, messages: seed.messages };
  new MutationObserver(() => {
    const row = document.querySelector(`[data-msg-ts="${seed.ts}"]`);
    if (!row || row.querySelector('a[data-hostile]')) return;
    for (const stamp of row.querySelectorAll('a.c-timestamp')) stamp.setAttribute('href', 'javascript:window.__pwned=5');
    const link = document.createElement('a');
    link.dataset.hostile = 'true';
    link.href = 'javascript:window.__pwned=4';
    link.textContent = 'details';
    row.querySelector('.p-rich_text_section')?.append(' ', link);
  }).observe(document, { childList: true, subtree: true });
}

/** In-page: what a page's own DOM says about injection, elements or attributes that could run the message's code. */
export function injectionTracesIn(selector: string) {
  const root = document.querySelector(selector);
  const elements = root ? [root, ...root.querySelectorAll('*')] : [];
  return {
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    handlers: elements.flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName} ${a.name}`)),
    scriptLinks: elements.filter((el) => /^\s*javascript:/i.test(el.getAttribute('href') ?? '')).map((el) => el.outerHTML),
    images: elements.filter((el) => el.tagName === 'IMG' && el.getAttribute('src') === 'x').length,
    inlineScripts: elements.filter((el) => el.tagName === 'SCRIPT' && !el.hasAttribute('src')).length,
  };
}
export const CLEAN = { pwned: undefined, handlers: [], scriptLinks: [], images: 0, inlineScripts: 0 };

/** What `hostileSlackPage` is given: the seeded workspace plus the hostile person and messages. */
export const hostileSeed = {
  people: [...seededWorkspace.people, HOSTILE_PERSON],
  messages: [...seededWorkspace.messages, hostileGreeting, hostileMessage],
  ts: HOSTILE_TS,
};
