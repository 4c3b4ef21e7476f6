import type { Track } from '../store/schema';
import {
  NONE_CLASS,
  chooseThreshold,
  foldsOf,
  predictCompetency,
  trainTrackHead,
  type CompetencyHead,
  type LabelledPair,
  type MappingQuality,
  type ScoredAnswer,
  type TrackHead,
  type TrainingExample,
  type TrackWeights,
} from './competencyHead';
import { evidenceText } from './evidenceText';
import type { EmbedTexts } from './mapping';
import type { Rubric } from './schema';

export const TRACKS: readonly Track[] = ['ic', 'manager'];
export const CROSS_VALIDATION_FOLDS = 5;

export interface TrackTraining {
  head: TrackHead;
  /** Every tuning pair answered by a head that did not see it (cross-validation). */
  crossValidated: ScoredAnswer[];
  chosen: MappingQuality;
}

export const goldOf = (pair: LabelledPair) => pair.competency ?? NONE_CLASS;

export function answer(head: TrackWeights, vector: ArrayLike<number>, gold: string): ScoredAnswer {
  const [best] = predictCompetency(head, vector);
  return { predicted: best.id, probability: best.probability, gold };
}

/**
 * Trains one track's head on its tuning pairs plus the rubric's behaviour phrases at every level (the
 * rubric's own words are labelled examples too), and picks its threshold on cross-validated answers: each
 * pair is answered by a head trained without its fold.
 */
async function trainTrack(track: Track, pairs: readonly LabelledPair[], rubric: Rubric, embed: EmbedTexts): Promise<TrackTraining> {
  const levels = rubric.tracks[track].levels;
  const classes = [...levels[0].competencies.map((c) => c.id), NONE_CLASS];
  const mine = pairs.filter((p) => p.track === track);
  const unknown = mine.find((p) => !classes.includes(goldOf(p)));
  if (unknown) throw new Error(`Pair "${unknown.text}" names competency "${unknown.competency}", which the ${track} track lacks`);
  const behaviours = levels.flatMap((level) => level.competencies.flatMap((c) => c.behaviours.map((text) => ({ text, label: c.id }))));
  const [pairVectors, behaviourVectors] = [await embed(mine.map((p) => evidenceText(p.text))), await embed(behaviours.map((b) => b.text))];
  const rubricExamples: TrainingExample[] = behaviours.map((b, i) => ({ vector: behaviourVectors[i], label: b.label }));
  const pairExamples: TrainingExample[] = mine.map((p, i) => ({ vector: pairVectors[i], label: goldOf(p) }));

  const fold = foldsOf(mine.length, CROSS_VALIDATION_FOLDS);
  const crossValidated = new Array<ScoredAnswer>(mine.length);
  for (let f = 0; f < CROSS_VALIDATION_FOLDS; f++) {
    const head = trainTrackHead([...pairExamples.filter((_, i) => fold[i] !== f), ...rubricExamples], classes);
    mine.forEach((p, i) => {
      if (fold[i] === f) crossValidated[i] = answer(head, pairVectors[i], goldOf(p));
    });
  }
  const chosen = chooseThreshold(crossValidated);
  const { threshold, ...tuning } = chosen;
  return { head: { ...trainTrackHead([...pairExamples, ...rubricExamples], classes), threshold, tuning }, crossValidated, chosen };
}

export async function trainCompetencyHead(
  pairs: readonly LabelledPair[],
  rubric: Rubric,
  embed: EmbedTexts,
  encoder: string,
): Promise<{ head: CompetencyHead; tracks: Record<Track, TrackTraining> }> {
  const ic = await trainTrack('ic', pairs, rubric, embed);
  const manager = await trainTrack('manager', pairs, rubric, embed);
  return { head: { version: 1, encoder, tracks: { ic: ic.head, manager: manager.head } }, tracks: { ic, manager } };
}
