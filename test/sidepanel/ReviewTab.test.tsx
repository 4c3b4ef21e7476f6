// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MAPPING_BUSY_TEXT, ReviewTab } from '../../entrypoints/sidepanel/notes/ReviewTab';
import { DRAFT_BANNER } from '../../lib/notes';
import type { EmbedTexts } from '../../lib/rubric';
import { NOW, item, person } from '../signals/fixtures';
import { decisionsFor, type AspenDb } from '../../lib/store';
import { freshDb } from '../store/helpers';
import { captureDownloads } from './downloads';

const alice = person('alice', 'Alice Chen', { level: 3 });
const bob = person('bob', 'Bob Diaz');
const praise = item({ label: 'recognition', author: 'bob', subjects: ['alice'], daysAgo: 5, text: 'Alice shipped the rate limiter and wrote great tests.' });
const noise = item({ label: 'recognition', author: 'bob', subjects: ['carol'], daysAgo: 5, text: 'Carol fixed the build.' });

/** Every text gets the same vector: every behaviour matches with similarity 1, so the mapping is predictable. */
const sameVector: EmbedTexts = async (texts) => texts.map(() => Float32Array.from({ length: 512 }, (_, i) => (i === 0 ? 1 : 0)));

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

let blobs: Blob[] = [];
let downloads: string[] = [];
let db: AspenDb;
beforeEach(async () => {
  ({ blobs, names: downloads } = captureDownloads());
  db = await freshDb();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function renderReview(loadEmbedder: () => Promise<EmbedTexts>, selfReview = false) {
  return render(
    <ReviewTab
      db={db}
      decisions={[]}
      person={alice}
      people={[alice, bob]}
      items={[praise, noise]}
      now={NOW}
      period="12w"
      onPeriodChange={vi.fn()}
      loadEmbedder={loadEmbedder}
      selfReview={selfReview}
    />,
  );
}

async function readyReview(selfReview = false) {
  renderReview(async () => sameVector, selfReview);
  await screen.findByText(DRAFT_BANNER);
}

describe('ReviewTab', () => {
  it('shows a busy state while the encoder loads, then the draft and the next-level read', async () => {
    const loading = deferred<EmbedTexts>();
    renderReview(() => loading.promise);
    expect(screen.getByRole('status').textContent).toBe(MAPPING_BUSY_TEXT);
    expect(screen.queryByText(DRAFT_BANNER)).toBeNull();
    await act(async () => loading.resolve(sameVector));
    expect(screen.getByText(DRAFT_BANNER)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Review draft: Alice Chen' })).toBeTruthy();
    // The praise lands in a competency with its Slack link; the others show as gaps.
    expect(screen.getAllByRole('link', { name: /Open in Slack/ }).length).toBeGreaterThan(0);
    expect(screen.getAllByText('Gap:').length).toBeGreaterThan(0);
    expect(screen.getByRole('heading', { name: /Next level: Alice Chen/ })).toBeTruthy();
    expect(screen.queryByText(/Carol fixed the build/)).toBeNull();
  });

  it('saves the manager\'s choices about a piece of evidence', async () => {
    await readyReview();
    const claim = document.querySelector(`[data-item-key="${praise.key}"]`) as HTMLElement;
    fireEvent.click(within(claim).getByRole('button', { name: /^Pin/ }));
    await vi.waitFor(async () => expect(await decisionsFor(db, 'alice')).toEqual([expect.objectContaining({ itemKey: praise.key, pinned: true })]));
    fireEvent.change(within(claim).getByLabelText('Move to'), { target: { value: 'mentoring' } });
    await vi.waitFor(async () => expect((await decisionsFor(db, 'alice'))[0]).toMatchObject({ competencyId: 'mentoring', pinned: true }));
    fireEvent.click(within(claim).getByRole('button', { name: /^Exclude/ }));
    await vi.waitFor(async () => expect((await decisionsFor(db, 'alice'))[0]).toMatchObject({ excluded: true }));
  });

  it('says so when the encoder cannot load', async () => {
    renderReview(async () => {
      throw new Error('model.json: HTTP 404');
    });
    expect((await screen.findByRole('alert')).textContent).toContain('model.json: HTTP 404');
  });

  it('downloads the review packet as Markdown', async () => {
    await readyReview();
    fireEvent.click(screen.getByRole('button', { name: 'Export Markdown' }));
    expect(downloads).toEqual([expect.stringMatching(/^review-alice-chen-\d{4}-\d{2}-\d{2}\.md$/)]);
    const markdown = await blobs[0].text();
    expect(markdown).toMatch(/^# Review packet: Alice Chen/);
    expect(markdown).toContain(DRAFT_BANNER);
    expect(markdown).toContain('rate limiter');
    expect(markdown).toContain(praise.message.permalink);
    expect(screen.getByText('Markdown downloaded.')).toBeTruthy();
  });

  it('calls a self-review a self-review in every export', async () => {
    await readyReview(true);
    fireEvent.click(screen.getByRole('button', { name: 'Export Markdown' }));
    expect(downloads).toEqual([expect.stringMatching(/^self-review-alice-chen-\d{4}-\d{2}-\d{2}\.md$/)]);
    const markdown = await blobs[0].text();
    expect(markdown).toMatch(/^# Self-review: Alice Chen\n/);
    expect(markdown).toContain('## Self-review draft: Alice Chen');
    expect(markdown).not.toMatch(/Review packet|Review draft/);

    vi.spyOn(window, 'open').mockReturnValue({ addEventListener: vi.fn(), print: vi.fn() } as unknown as Window);
    fireEvent.click(screen.getByRole('button', { name: 'Printable page' }));
    const html = await blobs[1].text();
    expect(html).toContain('<title>Self-review: Alice Chen</title>');
    expect(html).toContain('<h1>Self-review: Alice Chen</h1>');
    expect(html).toContain('<h2>Self-review draft</h2>');
    expect(html).not.toMatch(/Review packet|Review draft/);
  });

  it('downloads the evidence as CSV with names', async () => {
    await readyReview();
    fireEvent.click(screen.getByRole('button', { name: 'Evidence as CSV' }));
    expect(downloads).toEqual([expect.stringMatching(/^evidence-alice-chen-.*\.csv$/)]);
    const csv = await blobs[0].text();
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"Alice Chen"');
    expect(lines[1]).toContain('Alice shipped the rate limiter');
  });

  it('opens the printable page in a new tab and prints it once loaded', async () => {
    await readyReview();
    const listeners: Array<() => void> = [];
    const print = vi.fn();
    const open = vi.spyOn(window, 'open').mockReturnValue({ addEventListener: (_: string, fn: () => void) => listeners.push(fn), print } as unknown as Window);
    fireEvent.click(screen.getByRole('button', { name: 'Printable page' }));
    expect(open).toHaveBeenCalledWith('blob:test/1', '_blank');
    const html = await blobs[0].text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('Review packet: Alice Chen');
    expect(html).not.toContain('<script');
    expect(print).not.toHaveBeenCalled();
    listeners.forEach((fn) => fn());
    expect(print).toHaveBeenCalledOnce();
  });

  it('explains a blocked tab', async () => {
    await readyReview();
    vi.spyOn(window, 'open').mockReturnValue(null);
    fireEvent.click(screen.getByRole('button', { name: 'Printable page' }));
    expect(screen.getByText(/blocked the new tab/)).toBeTruthy();
  });
});
