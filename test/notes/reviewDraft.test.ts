import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeTransformersEncoder } from '../../lib/classify/node-source';
import { DEFAULT_RUBRIC, competenciesFor, mapEvidenceToCompetencies, type MappedEvidence } from '../../lib/rubric';
import { DRAFT_BANNER, MAX_CLAIMS_PER_KIND, buildReviewDraft, reviewDraftToMarkdown } from '../../lib/notes';
import { DAY_MS, personItems } from '../../lib/signals';
import { item, person, NOW } from '../signals/fixtures';
import { SEED_NOW, seededItems, seededPerson } from './seededEvidence';

const priya = seededPerson('Priya');
const period = { from: SEED_NOW - 84 * DAY_MS, to: SEED_NOW };
let mapped: MappedEvidence[];
let embed: (texts: string[]) => Promise<Float32Array[]>;

beforeAll(async () => {
  const encoder = await createNodeTransformersEncoder();
  embed = (texts) => encoder.embed(texts);
  mapped = await mapEvidenceToCompetencies(personItems(priya.id, seededItems), competenciesFor(DEFAULT_RUBRIC, priya.track, priya.level), embed);
});

describe('buildReviewDraft on the seeded workspace', () => {
  it('has one section per competency of her level, marked as a draft', () => {
    const draft = buildReviewDraft(priya, DEFAULT_RUBRIC, mapped, period);
    expect(draft.banner).toBe(DRAFT_BANNER);
    expect(draft.levelTitle).toBe('Senior Software Engineer');
    expect(draft.sections.map((s) => s.competency.id)).toEqual(competenciesFor(DEFAULT_RUBRIC, 'ic', 4).map((c) => c.id));
  });

  it('turns every piece of feedback she received into exactly one cited claim or a counted overflow', () => {
    const draft = buildReviewDraft(priya, DEFAULT_RUBRIC, mapped, period);
    const received = seededItems.filter(
      (i) =>
        ['recognition', 'constructive', 'coaching'].includes(i.label) &&
        i.subjects.includes(priya.id) &&
        i.message.authorId !== priya.id &&
        i.message.sentAt >= period.from,
    );
    // The seeded workspace reaches further back than the period: the draft leaves the older feedback out.
    expect(seededItems.some((i) => i.message.sentAt < period.from && i.subjects.includes(priya.id))).toBe(true);
    expect(draft.evidenceCount).toBe(received.length);
    const claims = [...draft.sections.flatMap((s) => [...s.strengths, ...s.growth]), ...draft.unmatched];
    expect(draft.sections.reduce((n, s) => n + s.evidenceCount, 0) + draft.unmatched.length).toBe(received.length);
    for (const section of draft.sections) {
      const strengths = section.strengths.length;
      expect(strengths).toBeLessThanOrEqual(MAX_CLAIMS_PER_KIND);
      expect(section.growth.length).toBeLessThanOrEqual(MAX_CLAIMS_PER_KIND);
      if (strengths < MAX_CLAIMS_PER_KIND && section.growth.length < MAX_CLAIMS_PER_KIND) expect(strengths + section.growth.length).toBe(section.evidenceCount);
    }
    for (const claim of claims) {
      const [citation] = claim.citations;
      if (citation.kind !== 'message') throw new Error('claims cite messages');
      const source = received.find((r) => r.key === citation.key)!;
      expect(source).toBeDefined();
      expect(citation.href).toBe(source.message.permalink);
      expect(claim.kind).toBe(source.label === 'recognition' ? 'strength' : 'growth');
      // Extraction, not generation: the quote is the message's own words.
      expect(source.message.text).toContain(claim.quote.replace(/…$/, ''));
    }
  });

  it('keeps each claim under its best-scoring competency with the score', () => {
    const draft = buildReviewDraft(priya, DEFAULT_RUBRIC, mapped, period);
    for (const section of draft.sections) {
      for (const claim of [...section.strengths, ...section.growth]) {
        const citation = claim.citations[0];
        const best = mapped.find((m) => citation.kind === 'message' && m.item.key === citation.key)!.matches[0];
        expect(best.competency.id).toBe(section.competency.id);
        expect(claim.score).toBeCloseTo(best.score, 2);
        expect(section.competency.behaviours).toContain(claim.behaviour);
      }
      expect(section.gap === null).toBe(section.strengths.length + section.growth.length > 0);
    }
  });

  it('marks competencies without evidence as gaps', async () => {
    const alice = person('alice', 'Alice Chen', { level: 2 });
    const only = item({ label: 'recognition', author: 'bob', subjects: ['alice'], daysAgo: 3, text: 'Thank you Alice for mentoring the new grad through her first on-call week, she felt ready because of you.' });
    const aliceMapped = await mapEvidenceToCompetencies([only], competenciesFor(DEFAULT_RUBRIC, 'ic', 2), embed);
    const draft = buildReviewDraft(alice, DEFAULT_RUBRIC, aliceMapped, { from: NOW - 30 * DAY_MS, to: NOW });
    const withEvidence = draft.sections.filter((s) => s.gap === null);
    expect(withEvidence).toHaveLength(1);
    expect(withEvidence[0].competency.id).toBe(aliceMapped[0].matches[0].competency.id);
    for (const gap of draft.sections.filter((s) => s.gap !== null)) {
      expect(gap.gap).toContain(`No captured evidence for ${gap.competency.name}`);
    }
  });

  it('leaves out evidence outside the period, dismissed, or about someone else', () => {
    const outside = buildReviewDraft(priya, DEFAULT_RUBRIC, mapped, { from: SEED_NOW + DAY_MS, to: SEED_NOW + 2 * DAY_MS });
    expect(outside.evidenceCount).toBe(0);
    expect(outside.sections.every((s) => s.gap !== null)).toBe(true);
    const dismissed = mapped.map((m) => ({ ...m, item: { ...m.item, dismissed: true } }));
    expect(buildReviewDraft(priya, DEFAULT_RUBRIC, dismissed, period).evidenceCount).toBe(0);
    expect(buildReviewDraft(seededPerson('Jordan'), DEFAULT_RUBRIC, mapped, period).evidenceCount).toBe(
      mapped.filter((m) => m.item.message.sentAt >= period.from && m.item.message.sentAt <= period.to && m.item.subjects.includes(seededPerson('Jordan').id) && m.item.label !== 'request' && m.item.label !== 'other' && m.item.message.authorId !== seededPerson('Jordan').id).length,
    );
  });
});

describe('reviewDraftToMarkdown', () => {
  it('starts with the draft mark and links claims to Slack', () => {
    const draft = buildReviewDraft(priya, DEFAULT_RUBRIC, mapped, period);
    const markdown = reviewDraftToMarkdown(draft);
    expect(markdown.split('\n')[0]).toBe(`> **${DRAFT_BANNER}**`);
    expect(markdown).toContain('# Review draft: Priya Raman');
    for (const section of draft.sections) expect(markdown).toContain(`## ${section.competency.name.replace('&', '&amp;')}`);
    const firstClaim = [...draft.sections.flatMap((s) => [...s.strengths, ...s.growth]), ...draft.unmatched][0];
    const citation = firstClaim.citations[0];
    if (citation.kind === 'message') expect(markdown).toContain(`](${citation.href})`);
  });
});
