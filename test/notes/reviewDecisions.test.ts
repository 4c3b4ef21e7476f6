import { describe, expect, it } from 'vitest';
import { buildCalibration, buildReviewDraft, evidenceToCsv, reviewDraftToMarkdown } from '../../lib/notes';
import { DEFAULT_RUBRIC, competenciesFor, type MappedEvidence } from '../../lib/rubric';
import { DAY_MS } from '../../lib/signals';
import type { EvidenceDecision } from '../../lib/store';
import { NOW, item, person } from '../signals/fixtures';

const alice = person('alice', 'Alice Chen', { level: 3 });
const [craft, delivery, collaboration, , mentoring] = competenciesFor(DEFAULT_RUBRIC, 'ic', 3);
const period = { from: NOW - 84 * DAY_MS, to: NOW };

const praise = (author: string, daysAgo: number, text: string, channel = 'general') =>
  item({ label: 'recognition', author, subjects: ['alice'], daysAgo, text, channel });
const filed = (evidence: ReturnType<typeof praise>, competency: typeof craft | null, score = 0.9): MappedEvidence => ({
  item: evidence,
  matches: competency ? [{ competency, behaviour: competency.behaviours[0], similarity: 0.5, score, method: 'head' }] : [],
});

const retry = praise('bob', 3, 'Alice untangled the retry logic, brilliant.');
const latency = praise('carol', 30, 'Alice cut the latency of the service in half.', 'eng');
const pairing = praise('dan', 10, 'Alice paired with the new hire all week.');
const birthday = praise('eve', 2, 'Happy birthday Alice!');
const mapped = [filed(retry, craft, 0.8), filed(latency, craft, 0.95), filed(pairing, craft, 0.6), filed(birthday, null)];
const decision = (itemKey: string, change: Partial<EvidenceDecision>): EvidenceDecision => ({ personId: 'alice', itemKey, excluded: false, pinned: false, decidedAt: 1, ...change });

describe('a review draft from the mapping', () => {
  const draft = buildReviewDraft(alice, DEFAULT_RUBRIC, mapped, period);
  const section = draft.sections.find((s) => s.competency.id === craft.id)!;

  it('opens each competency with cited sentences built from its evidence: who, how often, when, what', () => {
    expect(section.opening).toHaveLength(1);
    expect(section.opening[0].text).toBe(
      `Alice was recognized for technical craft 3 times by CAROL, BOB and DAN between ${new Date(latency.message.sentAt).toISOString().slice(0, 10)} and ${new Date(retry.message.sentAt).toISOString().slice(0, 10)}, for example: “Alice cut the latency of the service in half.”.`,
    );
    expect(section.opening[0].citations.map((c) => (c.kind === 'message' ? c.key : ''))).toEqual([latency.key, retry.key, pairing.key]);
    expect(section.confidence).toMatchObject({ level: 'some' });
  });

  it('files what the mapping could not place under "Other evidence", and says what to look for in a gap', () => {
    expect(draft.unmatched.map((c) => c.itemKey)).toEqual([birthday.key]);
    const gap = draft.sections.find((s) => s.competency.id === mentoring.id)!;
    expect(gap.gap).toContain('Look for examples such as “mentored a junior engineer through a project”');
    expect(gap.opening).toEqual([]);
    expect(gap.confidence.label).toBe('Not enough evidence');
  });
});

describe('the manager decides', () => {
  const decisions = [
    decision(pairing.key, { competencyId: collaboration.id }),
    decision(retry.key, { excluded: true }),
    decision(birthday.key, { competencyId: delivery.id, pinned: true }),
    decision(latency.key, { pinned: false }),
    { ...decision(retry.key, { excluded: false }), personId: 'someone-else' },
  ];
  const draft = buildReviewDraft(alice, DEFAULT_RUBRIC, mapped, period, decisions);
  const keysIn = (id: string) => {
    const s = draft.sections.find((x) => x.competency.id === id)!;
    return [...s.strengths, ...s.growth].map((c) => c.itemKey);
  };

  it('moves, excludes and pins, whatever the mapping said', () => {
    expect(keysIn(craft.id)).toEqual([latency.key]);
    expect(keysIn(collaboration.id)).toEqual([pairing.key]);
    expect(keysIn(delivery.id)).toEqual([birthday.key]);
    expect(draft.unmatched).toEqual([]);
    expect(draft.excluded.map((c) => c.itemKey)).toEqual([retry.key]);
    expect(draft.evidenceCount).toBe(3);
    const moved = draft.sections.find((s) => s.competency.id === delivery.id)!.strengths[0];
    expect(moved).toMatchObject({ moved: true, pinned: true, behaviour: null, score: null });
  });

  it('changes the Markdown export accordingly', () => {
    const before = reviewDraftToMarkdown(buildReviewDraft(alice, DEFAULT_RUBRIC, mapped, period));
    const after = reviewDraftToMarkdown(draft);
    expect(before).toContain('untangled the retry logic');
    expect(after).not.toContain('untangled the retry logic');
    const collaborationPart = after.slice(after.indexOf('## Collaboration'), after.indexOf('## Communication'));
    expect(collaborationPart).toContain('paired with the new hire');
    expect(collaborationPart).toContain('filed here by you');
    expect(after).toContain('**Pinned:** Recognized by EVE');
    expect(after).not.toContain('## Other evidence');
  });

  it('fills the CSV export\'s competency column as the manager left the draft', () => {
    const rows = evidenceToCsv([pairing, birthday], (id) => id, draft).trim().split('\r\n');
    expect(rows[1]).toContain('"Collaboration"');
    expect(rows[2]).toContain('"Delivery & ownership"');
  });

  it('moves a piece back to "Other evidence", and ignores a move to a competency the level lacks', () => {
    const back = buildReviewDraft(alice, DEFAULT_RUBRIC, mapped, period, [decision(latency.key, { competencyId: null }), decision(retry.key, { competencyId: 'hiring' })]);
    expect(back.unmatched.map((c) => c.itemKey)).toEqual([birthday.key, latency.key]);
    expect(back.sections.find((s) => s.competency.id === craft.id)!.strengths.map((c) => c.itemKey)).toEqual([retry.key, pairing.key]);
  });

  it('leaves excluded evidence out of calibration', () => {
    const items = mapped.map((m) => m.item);
    const counted = (d: EvidenceDecision[]) => buildCalibration([alice], items, period, [], { decisions: d }).rows[0].counts.recognition;
    expect(counted([])).toBe(4);
    expect(counted(decisions)).toBe(3);
  });
});
