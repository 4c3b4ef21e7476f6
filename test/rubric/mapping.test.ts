import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeTransformersEncoder } from '../../lib/classify/node-source';
import type { SentenceEncoder } from '../../lib/classify/encoder';
import { DEFAULT_RUBRIC, competenciesFor, cosineSimilarity, mapEvidenceToCompetencies } from '../../lib/rubric';
import { seededItems } from '../notes/seededEvidence';

let encoder: SentenceEncoder;
beforeAll(async () => {
  encoder = await createNodeTransformersEncoder();
});

/** A seeded item with its text replaced, so the rest of the record stays realistic. */
const withText = (text: string, n: number) => ({ ...seededItems[n], key: `k${n}`, message: { ...seededItems[n].message, text } });

describe('mapEvidenceToCompetencies (USE lite)', () => {
  const competencies = competenciesFor(DEFAULT_RUBRIC, 'ic', 3);

  it('puts clear evidence under the competency it describes, keeping the score and behaviour', async () => {
    const items = [
      withText('Really appreciate @Sam mentoring the junior engineer through the project, explaining the why behind every review comment.', 0),
      withText('Thanks @Priya for writing such a clear design doc, every edge case is documented.', 1),
      withText('Huge thanks for cutting the latency of the service in half.', 2),
    ];
    const mapped = await mapEvidenceToCompetencies(items, competencies, (t) => encoder.embed(t));
    expect(mapped.map((m) => m.item.key)).toEqual(['k0', 'k1', 'k2']);
    expect(mapped.map((m) => m.matches[0]?.competency.id)).toEqual(['mentoring', 'communication', 'technical-craft']);
    for (const { matches } of mapped) {
      expect(matches.length).toBeLessThanOrEqual(2);
      expect(matches[0].score).toBeGreaterThan(0.3);
      expect(matches[0].competency.behaviours).toContain(matches[0].behaviour);
      if (matches[1]) expect(matches[1].score).toBeLessThanOrEqual(matches[0].score);
    }
  });

  it('matches nothing for empty text or a bar no message reaches', async () => {
    const [empty, strict] = await mapEvidenceToCompetencies([withText(':tada: :tada:', 3), withText('Thanks for the design doc.', 4)], competencies, (t) => encoder.embed(t), {
      minScore: 0.99,
    });
    expect(empty.matches).toEqual([]);
    expect(strict.matches).toEqual([]);
  });

  it('embeds each behaviour phrase once per encoder, whatever the rubric object', async () => {
    const seen: string[] = [];
    const counting = (texts: string[]) => {
      seen.push(...texts);
      return encoder.embed(texts);
    };
    await mapEvidenceToCompetencies([withText('Shipped the feature with tests.', 5)], competencies, counting);
    const phrases = competencies.flatMap((c) => c.behaviours);
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
