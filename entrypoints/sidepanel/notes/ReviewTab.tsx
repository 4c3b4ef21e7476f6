import { useState } from 'react';
import { NextLevelView, printableReviewDocument, ReviewDraftView, type ReviewExportFormat } from '@/components/notes';
import { makeNameLookup } from '@/components/format';
import { evidenceToCsv, reviewPacketToMarkdown, type ReviewPacket } from '@/lib/notes';
import { DEFAULT_RUBRIC, type EmbedTexts, type Rubric } from '@/lib/rubric';
import { periodRange, type EvidenceItem, type PeriodId } from '@/lib/signals';
import type { Person } from '@/lib/store';
import { downloadFile, fileDate, fileSlug, openForPrint } from '../download';
import { buildReviewPacket } from './reviewPacket';
import { useRubricResult } from './useRubricResult';

export interface ReviewTabProps {
  person: Person;
  people: readonly Person[];
  items: readonly EvidenceItem[];
  /** When the data was loaded; a new value (live update) rebuilds the draft. */
  now: number;
  period: PeriodId;
  onPeriodChange: (period: PeriodId) => void;
  loadEmbedder: () => Promise<EmbedTexts>;
  rubric?: Rubric;
}

export const MAPPING_BUSY_TEXT = 'Mapping evidence to the rubric…';

/** The review draft and next-level read for one person, mapped with the in-page encoder, with exports. */
export function ReviewTab({ person, people, items, now, period, onPeriodChange, loadEmbedder, rubric = DEFAULT_RUBRIC }: ReviewTabProps) {
  const [exportStatus, setExportStatus] = useState('');
  const result = useRubricResult(
    loadEmbedder,
    (embed) => buildReviewPacket(person, rubric, items, { ...periodRange(period, now), now }, embed),
    `${person.id}|${person.track}|${person.level}|${period}`,
    String(now),
  );

  if (result.status === 'error') {
    return (
      <p role="alert" className="notice notice-attention">
        Could not map evidence to the rubric: {result.message}
      </p>
    );
  }
  const packet = result.status === 'ready' ? result.value : result.previous;
  if (!packet?.draft || !packet.nextLevel) return <p aria-busy="true" role="status">{MAPPING_BUSY_TEXT}</p>;

  const exportPacket = (format: ReviewExportFormat, shown: ReviewPacket) => {
    const base = `${fileSlug(person.name)}-${fileDate(Date.now())}`;
    if (format === 'markdown') {
      downloadFile(`review-${base}.md`, 'text/markdown', reviewPacketToMarkdown(shown));
      setExportStatus('Markdown downloaded.');
    } else if (format === 'csv') {
      const nameOf = makeNameLookup(people);
      downloadFile(`evidence-${base}.csv`, 'text/csv', evidenceToCsv(shown.evidence, (id) => nameOf(id)));
      setExportStatus('Evidence CSV downloaded.');
    } else {
      setExportStatus(
        openForPrint(printableReviewDocument(shown))
          ? 'Printable page opened in a new tab.'
          : 'The browser blocked the new tab; allow pop-ups for Aspen to print.',
      );
    }
  };

  return (
    <>
      {result.status === 'busy' && (
        <p aria-busy="true" role="status" className="meta">
          {MAPPING_BUSY_TEXT}
        </p>
      )}
      <ReviewDraftView draft={packet.draft} period={period} onPeriodChange={onPeriodChange} onExport={(format) => exportPacket(format, packet)} />
      <p role="status" aria-live="polite" className="meta">
        {exportStatus}
      </p>
      <NextLevelView assessment={packet.nextLevel} personName={person.name} />
    </>
  );
}
