/**
 * How well evidence is mapped to competencies: precision and coverage of the shipped head
 * (lib/rubric/competency-head.json) on the held-out pairs (seeds/rubric/test.json), beside the figures its
 * threshold was chosen on (cross-validated tuning pairs), and beside plain similarity to the rubric's
 * behaviours, which the head replaced.
 *
 *   npm run eval:rubric
 */
import { readFileSync } from 'node:fs';
import { createNodeUseLiteEncoder } from '../lib/classify/node-source';
import { DEFAULT_RUBRIC } from '../lib/rubric/defaultRubric';
import { NONE_CLASS, chooseThreshold, mappingQuality, type LabelledPair, type ScoredAnswer } from '../lib/rubric/competencyHead';
import { parseLabelledPairs } from '../lib/rubric/labelledPairs';
import { SHIPPED_COMPETENCY_HEAD, cosineSimilarity, evidenceText } from '../lib/rubric/mapping';
import { TRACKS, answer, goldOf } from '../lib/rubric/trainCompetencyHead';
import { formatQuality } from './rubric-quality';

const read = (name: string) => {
  const file = new URL(`../seeds/rubric/${name}.json`, import.meta.url).pathname;
  return parseLabelledPairs(file, readFileSync(file, 'utf8'));
};
const tuning = read('tuning');
const test = read('test');
const encoder = await createNodeUseLiteEncoder();
const embed = (texts: string[]) => encoder.embed(texts);

/** The method the head replaced: the competency whose closest behaviour (any level) is most similar. */
async function similarityAnswers(pairs: readonly LabelledPair[], track: (typeof TRACKS)[number]): Promise<ScoredAnswer[]> {
  const behaviours = DEFAULT_RUBRIC.tracks[track].levels.flatMap((l) => l.competencies.flatMap((c) => c.behaviours.map((text) => ({ text, id: c.id }))));
  const phraseVectors = await embed(behaviours.map((b) => b.text));
  const vectors = await embed(pairs.map((p) => evidenceText(p.text)));
  return pairs.map((pair, i) => {
    let best = { id: NONE_CLASS, probability: -Infinity };
    behaviours.forEach((b, n) => {
      const s = cosineSimilarity(vectors[i], phraseVectors[n]);
      if (s > best.probability) best = { id: b.id, probability: s };
    });
    return { predicted: best.id, probability: best.probability, gold: goldOf(pair) };
  });
}

console.log(`Rubric mapping on ${tuning.length} tuning pairs and ${test.length} held-out test pairs (${SHIPPED_COMPETENCY_HEAD.encoder})`);
console.log('precision: share of the evidence filed under a competency that is filed under the right one;');
console.log('coverage: evidence filed under any competency, over the evidence that has one.\n');
const allTest: ScoredAnswer[] = [];
for (const track of TRACKS) {
  const head = SHIPPED_COMPETENCY_HEAD.tracks[track];
  const pairs = test.filter((p) => p.track === track);
  const vectors = await embed(pairs.map((p) => evidenceText(p.text)));
  const answers = pairs.map((p, i) => answer(head, vectors[i], goldOf(p)));
  allTest.push(...answers.map((a) => ({ ...a, probability: a.probability >= head.threshold ? 1 : 0 })));
  console.log(`== ${track} track: head, threshold ${head.threshold} (chosen on tuning)`);
  console.log(`  tuning (cross-validated): ${formatQuality({ threshold: head.threshold, ...head.tuning })}`);
  console.log(`  test (held out):          ${formatQuality(mappingQuality(answers, head.threshold))}`);
  const tuned = chooseThreshold(await similarityAnswers(tuning.filter((p) => p.track === track), track));
  console.log(`  similarity to behaviours, threshold ${tuned.threshold} chosen the same way: tuning ${formatQuality(tuned)}`);
  console.log(`                                                  test   ${formatQuality(mappingQuality(await similarityAnswers(pairs, track), tuned.threshold))}`);
  console.log('');
}
console.log(`== both tracks, test (held out): ${formatQuality(mappingQuality(allTest, 1))}`);
