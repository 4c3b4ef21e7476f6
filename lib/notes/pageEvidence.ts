import { Readability } from '@mozilla/readability';
import { PAGE_LIMITS, pageExtractSchema, type PageExtract } from './pageExtract';

const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const cap = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/** Elements whose text is code or markup, never prose. */
const NON_PROSE = 'script, style, noscript, template, iframe, object, embed, svg';

/**
 * Reads the main text of a page with Readability. Works on a clone (Readability rewrites the tree it is
 * given) and only ever reads text: the serializer takes textContent, so no HTML is produced or parsed,
 * and nothing on the page runs. Falls back to the body's visible text when Readability finds no article.
 */
export function extractPageEvidence(doc: Document, url: string): PageExtract {
  const clone = doc.cloneNode(true) as Document;
  clone.querySelectorAll(NON_PROSE).forEach((node) => node.remove());
  const fallbackText = squash(clone.body?.textContent);
  const fallbackTitle = squash(clone.title);
  const article = new Readability(clone, { serializer: (node: Node) => node.textContent ?? '' }).parse();

  const text = squash(article?.textContent) || fallbackText;
  const title = squash(article?.title) || fallbackTitle || url;
  const excerpt = squash(article?.excerpt) || text;
  return pageExtractSchema.parse({
    url,
    title: cap(title, PAGE_LIMITS.title),
    excerpt: cap(excerpt, PAGE_LIMITS.excerpt),
    text: cap(text, PAGE_LIMITS.text),
  });
}
