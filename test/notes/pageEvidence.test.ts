// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { PAGE_LIMITS } from '../../lib/notes';
import { extractPageEvidence } from '../../lib/notes/pageEvidence';

function page(body: string, title = 'Design doc: rate limiter'): Document {
  const doc = new DOMParser().parseFromString(`<!doctype html><html><head><title></title></head><body>${body}</body></html>`, 'text/html');
  doc.title = title;
  return doc;
}

const prose = (n: number) =>
  Array.from({ length: n }, (_, i) => `<p>Paragraph ${i}: the rate limiter keeps each tenant within its budget, and this section explains why the token bucket was chosen over a sliding window for the gateway.</p>`).join('');

describe('extractPageEvidence', () => {
  it('reads the article text and title without running or keeping scripts', () => {
    const doc = page(`<nav>Menu Home About</nav><article><h1>Rate limiter</h1>${prose(6)}</article><script>window.__ran = true; secretScriptText()</script>`);
    const before = doc.documentElement.outerHTML;
    const extract = extractPageEvidence(doc, 'https://docs.example.com/rate-limiter');
    expect(extract.url).toBe('https://docs.example.com/rate-limiter');
    expect(extract.title).toContain('rate limiter');
    expect(extract.text).toContain('Paragraph 5: the rate limiter keeps each tenant');
    expect(extract.text).not.toContain('secretScriptText');
    expect(extract.excerpt.length).toBeGreaterThan(0);
    expect((window as unknown as { __ran?: boolean }).__ran).toBeUndefined();
    // The original page is left exactly as it was.
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('falls back to visible body text when there is no article, still without script text', () => {
    const doc = page('<span>Short note</span><style>.x{color:red}</style><script>evil()</script>', '');
    const extract = extractPageEvidence(doc, 'https://example.com/n');
    expect(extract.text).toBe('Short note');
    expect(extract.title).toBe('https://example.com/n');
  });

  it('caps the lengths', () => {
    const doc = page(`<article>${prose(400)}</article>`, 'T'.repeat(1000));
    const extract = extractPageEvidence(doc, 'https://example.com/long');
    expect(extract.text.length).toBe(PAGE_LIMITS.text);
    expect(extract.text.endsWith('…')).toBe(true);
    expect(extract.title.length).toBeLessThanOrEqual(PAGE_LIMITS.title);
    expect(extract.excerpt.length).toBeLessThanOrEqual(PAGE_LIMITS.excerpt);
  });

  it('refuses non-web URLs', () => {
    expect(() => extractPageEvidence(page('<p>x</p>'), 'javascript:alert(1)')).toThrow();
  });
});
