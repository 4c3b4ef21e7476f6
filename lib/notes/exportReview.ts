import type { EvidenceItem } from '../signals/types';
import type { Person } from '../store/schema';
import { citationMarkdown, escapeMarkdown } from './markdown';
import { citeMessage } from './citations';
import type { NextLevelAssessment } from './nextLevel';
import { oneOnOneToMarkdown, type OneOnOnePrep } from './oneOnOnePrep';
import { reviewDraftToMarkdown, type ReviewDraft } from './reviewDraft';

/** Everything about one person that leaves the panel together: as Markdown, as print, as CSV. */
export interface ReviewPacket {
  person: Person;
  draft?: ReviewDraft;
  prep?: OneOnOnePrep;
  nextLevel?: NextLevelAssessment;
  /** The evidence itself, in the order to list it. */
  evidence: readonly EvidenceItem[];
  /** The person is the signed-in user: the packet is their self-review, and says so. */
  selfReview?: boolean;
}

/** What the packet is: a self-review when it is about the signed-in user. */
const packetKind = (packet: Pick<ReviewPacket, 'selfReview'>): string => (packet.selfReview ? 'Self-review' : 'Review packet');
/** What the packet is, and whom it is about: its title in every export. */
export const reviewPacketTitle = (packet: Pick<ReviewPacket, 'person' | 'selfReview'>): string => `${packetKind(packet)}: ${packet.person.name}`;

export function evidenceToMarkdown(evidence: readonly EvidenceItem[]): string {
  if (evidence.length === 0) return '_No evidence in this packet._\n';
  return `${evidence
    .map((item) => `- **${item.label}** ${escapeMarkdown(item.message.text)} (${citationMarkdown(citeMessage(item))})`)
    .join('\n')}\n`;
}

function nextLevelMarkdown(assessment: NextLevelAssessment): string {
  const lines = ['## Next level', '', escapeMarkdown(assessment.verdictText)];
  for (const { competency, evidence } of assessment.competencies) {
    lines.push('', `### ${escapeMarkdown(competency.name)}`, '', ...evidence.map((e) => `- close to “${escapeMarkdown(e.behaviour)}” (${e.score.toFixed(2)}): ${citationMarkdown(e.citation)}`));
  }
  if (assessment.supportCues.length > 0) {
    lines.push('', '### May need support', '', ...assessment.supportCues.map((cue) => `- ${escapeMarkdown(cue.text)}`));
  }
  return `${lines.join('\n')}\n`;
}

/** Demotes a part's headings one level so the packet has a single top heading. */
const nested = (markdown: string) => markdown.replace(/^(#+) /gm, '#$1 ');

export function reviewPacketToMarkdown(packet: ReviewPacket): string {
  const parts = [`# ${packetKind(packet)}: ${escapeMarkdown(packet.person.name)}\n`];
  if (packet.draft) parts.push(nested(reviewDraftToMarkdown(packet.draft, packet.selfReview)));
  if (packet.nextLevel) parts.push(nested(nextLevelMarkdown(packet.nextLevel)));
  if (packet.prep) parts.push(nested(oneOnOneToMarkdown(packet.prep)));
  parts.push(`## Evidence\n\n${evidenceToMarkdown(packet.evidence)}`);
  return parts.join('\n');
}

/**
 * One CSV cell, safe to open in a spreadsheet: always quoted, quotes doubled, and a leading apostrophe on
 * anything a spreadsheet would read as a formula (=, +, -, @, tab, carriage return).
 */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export const EVIDENCE_CSV_COLUMNS = ['date', 'label', 'source', 'author', 'about', 'competency', 'channel', 'text', 'permalink', 'key'] as const;

/** Where each piece of evidence sits in a review draft: its competency's name, or "Other evidence". */
export function competencyNamesOf(draft: ReviewDraft): Map<string, string> {
  const names = new Map<string, string>();
  for (const section of draft.sections) for (const claim of [...section.strengths, ...section.growth]) names.set(claim.itemKey, section.competency.name);
  for (const claim of draft.unmatched) names.set(claim.itemKey, 'Other evidence');
  return names;
}

/**
 * Evidence as CSV (RFC 4180, CRLF rows); `nameOf` turns subject ids into names, `draft` (when given) fills
 * the competency column as the manager left the draft.
 */
export function evidenceToCsv(evidence: readonly EvidenceItem[], nameOf: (id: string) => string = (id) => id, draft?: ReviewDraft): string {
  const competencyOf = draft ? competencyNamesOf(draft) : new Map<string, string>();
  const rows = evidence.map((item) => {
    const { message } = item;
    return [
      new Date(message.sentAt).toISOString(),
      item.label,
      item.source,
      message.authorName || message.authorId,
      item.subjects.map(nameOf).join('; '),
      competencyOf.get(item.key) ?? '',
      message.channelName || message.channelId,
      message.text,
      message.permalink,
      item.key,
    ];
  });
  return `${[[...EVIDENCE_CSV_COLUMNS], ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
