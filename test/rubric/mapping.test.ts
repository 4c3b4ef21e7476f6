import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeTransformersEncoder } from '../../lib/classify/node-source';
import type { SentenceEncoder } from '../../lib/classify/encoder';
import { DEFAULT_RUBRIC, SHIPPED_COMPETENCY_HEAD, competenciesFor, cosineSimilarity, mapEvidenceToCompetencies, type RubricCompetency } from '../../lib/rubric';
import { parseLabelledPairs } from '../../lib/rubric/labelledPairs';
import { seededItems } from '../notes/seededEvidence';

let encoder: SentenceEncoder;
beforeAll(async () => {
  encoder = await createNodeTransformersEncoder();
});
const embed = (texts: string[]) => encoder.embed(texts);

/** A seeded item with its text replaced, so the rest of the record stays realistic. */
const withText = (text: string, n: number) => ({ ...seededItems[n], key: `k${n}`, message: { ...seededItems[n].message, text } });

describe('mapEvidenceToCompetencies (USE lite and the trained head)', () => {
  const ic3 = competenciesFor(DEFAULT_RUBRIC, 'ic', 3);

  it('files clear evidence under the competency it describes, with how sure and the closest behaviour', async () => {
    const items = [
      withText('Thank you for mentoring the new grad through her first on-call week, she felt ready because of you.', 0),
      withText('Amazing debugging on the race condition in the retry code, and the regression test proves the fix.', 1),
      withText('you owned the migration from kickoff to the last cleanup ticket and shipped it on the date we promised', 2),
    ];
    const mapped = await mapEvidenceToCompetencies(items, ic3, embed);
    expect(mapped.map((m) => m.item.key)).toEqual(['k0', 'k1', 'k2']);
    expect(mapped.map((m) => m.matches[0]?.competency.id)).toEqual(['mentoring', 'technical-craft', 'delivery-ownership']);
    for (const { matches } of mapped) {
      expect(matches).toHaveLength(1);
      expect(matches[0].method).toBe('head');
      expect(matches[0].score).toBeGreaterThanOrEqual(SHIPPED_COMPETENCY_HEAD.tracks.ic.threshold);
      expect(matches[0].competency.behaviours).toContain(matches[0].behaviour);
    }
  });

  it('stays silent on evidence about none of the competencies, and never forces the nearest one', async () => {
    const mapped = await mapEvidenceToCompetencies(
      [
        withText('happy birthday, hope you have a lovely day', 3),
        withText('thanks for the coffee this morning', 4),
        // The example: it used to land under Technical craft at similarity 0.37.
        withText('Really appreciate you picking up the pricing experiment when we were short-handed', 5),
      ],
      ic3,
      embed,
    );
    expect(mapped[0].matches).toEqual([]);
    expect(mapped[1].matches).toEqual([]);
    expect(mapped[2].matches.map((m) => m.competency.id)).not.toContain('technical-craft');
  });

  it('lists the competency once per level passed in, closest level first, for the next-level read', async () => {
    const both = [...ic3, ...competenciesFor(DEFAULT_RUBRIC, 'ic', 4)];
    const [mapped] = await mapEvidenceToCompetencies([withText('Thank you for mentoring the new grad through her first on-call week, she felt ready because of you.', 0)], both, embed);
    expect(mapped.matches.map((m) => [m.competency.id, m.competency.level].join('@')).sort()).toEqual(['mentoring@3', 'mentoring@4']);
    expect(mapped.matches[0].similarity).toBeGreaterThanOrEqual(mapped.matches[1].similarity);
  });

  it('files nothing for empty text or a threshold no answer reaches', async () => {
    const [empty, strict] = await mapEvidenceToCompetencies([withText(':tada: :tada:', 3), withText('Thanks for mentoring the new hire so patiently.', 4)], ic3, embed, {
      threshold: 1.01,
    });
    expect(empty.matches).toEqual([]);
    expect(strict.matches).toEqual([]);
  });

  it('matches competencies the head does not know by behaviour similarity, with a high bar', async () => {
    const custom: RubricCompetency = { id: 'security', name: 'Security', description: 'Keeps systems safe.', behaviours: ['rotated the leaked credentials', 'patched the security vulnerability', 'ran the security audit'], track: 'ic', level: 3 };
    const [patched, unrelated] = await mapEvidenceToCompetencies([withText('patched the security vulnerability', 0), withText('thanks for the coffee', 1)], [custom], embed);
    expect(patched.matches[0]).toMatchObject({ method: 'similarity', behaviour: 'patched the security vulnerability' });
    expect(patched.matches[0].score).toBeCloseTo(1, 3);
    expect(unrelated.matches).toEqual([]);
  });

  it('embeds each behaviour phrase once per encoder, whatever the rubric object', async () => {
    const seen: string[] = [];
    const counting = (texts: string[]) => {
      seen.push(...texts);
      return encoder.embed(texts);
    };
    await mapEvidenceToCompetencies([withText('Shipped the feature with tests.', 5)], ic3, counting);
    const phrases = ic3.flatMap((c) => c.behaviours);
    expect(seen.length).toBe(phrases.length + 1);
    seen.length = 0;
    const edited = competenciesFor(structuredClone(DEFAULT_RUBRIC), 'ic', 3);
    edited[0] = { ...edited[0], behaviours: [...edited[0].behaviours, 'wrote a benchmark harness'] };
    await mapEvidenceToCompetencies([withText('Shipped the feature with tests.', 5)], edited, counting);
    expect(seen).toEqual(['wrote a benchmark harness', 'Shipped the feature with tests.']);
  });

  it('computes cosine similarity', () => {
    expect(cosineSimilarity(new Float32Array([1, 0]), new Float32Array([2, 0]))).toBeCloseTo(1);
    expect(cosineSimilarity(new Float32Array([1, 0]), new Float32Array([0, 3]))).toBeCloseTo(0);
    expect(cosineSimilarity(new Float32Array([0, 0]), new Float32Array([1, 1]))).toBe(0);
  });
});

describe('the labelled evidence → competency pairs', () => {
  const read = (name: string) => {
    const file = new URL(`../../seeds/rubric/${name}.json`, import.meta.url).pathname;
    return parseLabelledPairs(file, readFileSync(file, 'utf8'));
  };
  const tuning = read('tuning');
  const test = read('test');

  it('has at least 200 pairs over both tracks, every competency and "none", in both parts', () => {
    expect(tuning.length + test.length).toBeGreaterThanOrEqual(200);
    for (const part of [tuning, test]) {
      for (const track of ['ic', 'manager'] as const) {
        const ids = DEFAULT_RUBRIC.tracks[track].levels[0].competencies.map((c) => c.id);
        const seen = new Set(part.filter((p) => p.track === track).map((p) => p.competency));
        for (const id of [...ids, null]) expect(seen.has(id), `${track} ${id}`).toBe(true);
      }
    }
  });

  it('keeps the held-out part apart: no text appears in both', () => {
    const tuned = new Set(tuning.map((p) => p.text.toLowerCase()));
    expect(test.filter((p) => tuned.has(p.text.toLowerCase()))).toEqual([]);
  });

  it('ships a head trained for the default rubric, whose threshold met the precision target on tuning pairs', () => {
    for (const track of ['ic', 'manager'] as const) {
      const head = SHIPPED_COMPETENCY_HEAD.tracks[track];
      expect(head.classes.slice(0, -1)).toEqual(DEFAULT_RUBRIC.tracks[track].levels[0].competencies.map((c) => c.id));
      expect(head.tuning.precision).toBeGreaterThanOrEqual(0.8);
    }
  });
});
