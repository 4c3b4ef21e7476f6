import type { Citation } from './citations';
import { isoDate } from './citations';

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Makes captured text inert in Markdown: angle brackets and ampersands become entities (so no renderer sees
 * raw HTML), every other character CommonMark or GFM could read as markup (links, images, emphasis,
 * headings, tables) is backslash-escaped, and line breaks become spaces so a message cannot start a block.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[&<>]/g, (c) => HTML_ENTITIES[c])
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, (c) => `\\${c}`);
}

/** "[Author, #channel, 2026-11-02](https://…slack.com/…)"; without a safe link, the same text unlinked. */
export function citationMarkdown(citation: Citation): string {
  if (citation.kind === 'note') return `your note of ${isoDate(citation.at)}`;
  const where = `${escapeMarkdown(citation.author)}, ${escapeMarkdown(citation.channel)}, ${isoDate(citation.sentAt)}`;
  // URL.href already percent-encodes spaces and angle brackets; parentheses would end the destination early.
  return citation.href ? `[${where}](${citation.href.replace(/\(/g, '%28').replace(/\)/g, '%29')})` : where;
}

export const citationsMarkdown = (citations: readonly Citation[]) =>
  citations.length === 0 ? '' : ` (${citations.map(citationMarkdown).join('; ')})`;
