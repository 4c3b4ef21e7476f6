/**
 * Trains the rubric-mapping head on seeds/rubric/tuning.json (and the default rubric's behaviour phrases) and
 * writes lib/rubric/competency-head.json, thresholds included. The threshold is chosen on cross-validated
 * tuning pairs; seeds/rubric/test.json is never read here.
 *
 *   npm run train:rubric
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { USE_LITE_ID } from '../lib/classify/encoder';
import { createNodeTransformersEncoder } from '../lib/classify/node-source';
import { DEFAULT_RUBRIC } from '../lib/rubric/defaultRubric';
import { parseLabelledPairs } from '../lib/rubric/labelledPairs';
import { TRACKS, trainCompetencyHead } from '../lib/rubric/trainCompetencyHead';
import { formatQuality } from './rubric-quality';

const tuningFile = new URL('../seeds/rubric/tuning.json', import.meta.url).pathname;
const outFile = new URL('../lib/rubric/competency-head.json', import.meta.url).pathname;

const encoder = await createNodeTransformersEncoder();
const pairs = parseLabelledPairs(tuningFile, readFileSync(tuningFile, 'utf8'));
const { head, tracks } = await trainCompetencyHead(pairs, DEFAULT_RUBRIC, (texts) => encoder.embed(texts), USE_LITE_ID);
const round = (x: number) => Math.round(x * 1e6) / 1e6;
const rounded = {
  ...head,
  tracks: Object.fromEntries(TRACKS.map((t) => [t, { ...head.tracks[t], weights: head.tracks[t].weights.map(round), bias: head.tracks[t].bias.map(round) }])),
};
writeFileSync(outFile, `${JSON.stringify(rounded)}\n`);
for (const track of TRACKS) console.log(`${track}: threshold ${tracks[track].chosen.threshold} chosen on cross-validated tuning pairs: ${formatQuality(tracks[track].chosen)}`);
console.log(`wrote ${outFile}`);
