import { useMemo, useState } from 'react';
import { NextLevelView, printableReviewDocument, ReviewDraftView, type ReviewExportFormat } from '@/components/notes';
import { makeNameLookup } from '@/components/format';
import { broadcastStoreEvent } from '@/lib/messaging';
import { evidenceToCsv, reviewPacketToMarkdown, type ReviewPacket } from '@/lib/notes';
import { DEFAULT_RUBRIC, competenciesFor, type EmbedTexts, type Rubric } from '@/lib/rubric';
import { periodRange, type EvidenceItem, type PeriodId } from '@/lib/signals';
import { decideEvidence, type AspenDb, type EvidenceDecision, type EvidenceDecisionChange, type Person } from '@/lib/store';
import { downloadFile, fileDate, fileSlug, openForPrint } from '../download';
import { mapReview, reviewPacketFrom } from './reviewPacket';
import { useRubricResult } from './useRubricResult';

export interface ReviewTabProps {
  db: AspenDb;
  person: Person;
  people: readonly Person[];
  items: readonly EvidenceItem[];
  /** When the data was loaded; a new value (live update) rebuilds the draft. */
  now: number;
  period: PeriodId;
  onPeriodChange: (period: PeriodId) => void;
  loadEmbedder: () => Promise<EmbedTexts>;
  rubric?: Rubric;
  /** The manager's decisions about evidence (everyone's; the person's are picked out). */
  decisions: readonly EvidenceDecision[];
  /** The person is the signed-in user: the draft is their self-review. */
  selfReview?: boolean;
}

export const MAPPING_BUSY_TEXT = 'Mapping evidence to the rubric…';

/** The review draft and next-level read for one person, mapped with the in-page encoder, with exports. */
export function ReviewTab({ db, person, people, items, now, period, onPeriodChange, loadEmbedder, rubric = DEFAULT_RUBRIC, decisions, selfReview }: ReviewTabProps) {
  const [exportStatus, setExportStatus] = useState('');
  const [decisionError, setDecisionError] = useState('');
  const window = useMemo(() => ({ ...periodRange(period, now), now }), [period, now]);
  const result = useRubricResult(
    loadEmbedder,
    (embed) => mapReview(person, rubric, items, window, embed),
    `${person.id}|${person.track}|${person.level}|${period}`,
    String(now),
  );
  const mapping = result.status === 'ready' ? result.value : result.status === 'busy' ? result.previous : null;
  const packet = useMemo(
    () => (mapping ? { ...reviewPacketFrom(person, rubric, mapping, items, window, decisions), selfReview } : null),
    [mapping, person, rubric, items, window, decisions, selfReview],
  );
  const controls = useMemo(() => {
    const decide = (itemKey: string, change: EvidenceDecisionChange) =>
      decideEvidence(db, person.id, itemKey, change).then(
        () => {
          setDecisionError('');
          broadcastStoreEvent('decisions');
        },
        (error: unknown) => setDecisionError(`Could not save your choice: ${error instanceof Error ? error.message : String(error)}`),
      );
    return {
      competencies: competenciesFor(rubric, person.track, person.level).map(({ id, name }) => ({ id, name })),
      onMove: (itemKey: string, competencyId: string | null) => void decide(itemKey, { competencyId }),
      onExclude: (itemKey: string, excluded: boolean) => void decide(itemKey, { excluded }),
      onPin: (itemKey: string, pinned: boolean) => void decide(itemKey, { pinned }),
    };
  }, [db, person, rubric]);

  if (result.status === 'error') {
    return (
      <p role="alert" className="notice notice-attention">
        Could not map evidence to the rubric: {result.message}
      </p>
    );
  }
  if (!packet?.draft || !packet.nextLevel) return <p aria-busy="true" role="status">{MAPPING_BUSY_TEXT}</p>;

  const exportPacket = (format: ReviewExportFormat, shown: ReviewPacket) => {
    const base = `${fileSlug(person.name)}-${fileDate(Date.now())}`;
    if (format === 'markdown') {
      downloadFile(`${shown.selfReview ? 'self-review' : 'review'}-${base}.md`, 'text/markdown', reviewPacketToMarkdown(shown));
      setExportStatus('Markdown downloaded.');
    } else if (format === 'csv') {
      const nameOf = makeNameLookup(people);
      downloadFile(`evidence-${base}.csv`, 'text/csv', evidenceToCsv(shown.evidence, (id) => nameOf(id), shown.draft));
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
      {decisionError && (
        <p role="alert" className="notice notice-attention">
          {decisionError}
        </p>
      )}
      <ReviewDraftView
        draft={packet.draft}
        period={period}
        onPeriodChange={onPeriodChange}
        onExport={(format) => exportPacket(format, packet)}
        controls={controls}
        selfReview={selfReview}
      />
      <p role="status" aria-live="polite" className="meta">
        {exportStatus}
      </p>
      <NextLevelView assessment={packet.nextLevel} personName={person.name} />
    </>
  );
}
