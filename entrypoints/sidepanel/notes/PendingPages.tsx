import { useState } from 'react';
import type { Correction } from '@/components/EvidenceRow';
import { AddPageEvidenceView } from '@/components/notes';
import { broadcastStoreEvent } from '@/lib/messaging';
import { assignPageEvidence, deletePageEvidence, type AspenDb, type PageEvidence, type Person } from '@/lib/store';

export interface PendingPagesProps {
  db: AspenDb;
  /** Pages captured from the context menu that are not yet filed under anyone, oldest first. */
  pages: readonly PageEvidence[];
  people: readonly Person[];
}

const byReportThenName = (a: Person, b: Person) => Number(b.isReport) - Number(a.isReport) || a.name.localeCompare(b.name);

/** A notice for pages waiting to be filed; filing one asks whom it is about and what kind of evidence it is. */
export function PendingPages({ db, pages, people }: PendingPagesProps) {
  const [filing, setFiling] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const page = pages[0];
  if (!page) return null;

  const act = (action: () => Promise<unknown>) =>
    action().then(
      () => {
        setFiling(false);
        setError(null);
        broadcastStoreEvent('notes');
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );

  return (
    <div className="notice notice-neutral" role="region" aria-label="Captured pages">
      {filing ? (
        <AddPageEvidenceView
          page={page}
          people={[...people].filter((p) => p.name !== '').sort(byReportThenName)}
          onAdd={({ personId, label }) => void act(() => assignPageEvidence(db, page.id, personId, label))}
          onCancel={() => setFiling(false)}
        />
      ) : (
        <>
          <p>
            {pages.length === 1 ? 'A captured page is' : `${pages.length} captured pages are`} waiting to be filed:{' '}
            <strong>{page.title}</strong>
          </p>
          <div className="actions">
            <button type="button" onClick={() => setFiling(true)}>
              File as evidence…
            </button>
            <button type="button" className="secondary" onClick={() => void act(() => deletePageEvidence(db, page.id))}>
              Discard page
            </button>
          </div>
        </>
      )}
      {error && <p role="alert">Could not save: {error}</p>}
    </div>
  );
}

/**
 * A correction made on a filed page in the timeline: a page is about one person, so the first subject keeps
 * it; dismissing it (or removing every subject) returns it to the pages waiting to be filed.
 */
export async function correctPageEvidence(db: AspenDb, pageId: string, correction: Correction): Promise<void> {
  const personId = correction.dismissed ? '' : (correction.subjects[0] ?? '');
  await assignPageEvidence(db, pageId, personId, correction.label);
}
