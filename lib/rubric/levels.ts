import type { Track } from '../store/schema';
import type { Rubric, RubricCompetency, RubricLevel } from './schema';

export function levelOf(rubric: Rubric, track: Track, level: number): RubricLevel | null {
  return rubric.tracks[track].levels.find((l) => l.level === level) ?? null;
}

/** The competencies expected at a level, tagged with their track and level; empty for a level the track lacks. */
export function competenciesFor(rubric: Rubric, track: Track, level: number): RubricCompetency[] {
  return (levelOf(rubric, track, level)?.competencies ?? []).map((competency) => ({ ...competency, track, level }));
}

/** The level above on the same track, or null at the top. */
export function nextLevel(rubric: Rubric, track: Track, level: number): RubricLevel | null {
  return levelOf(rubric, track, level + 1);
}

export interface LevelChoice {
  level: number;
  title: string;
}

/** The levels a person can be placed at on each track, as the rubric in use defines them. */
export const levelChoices = (rubric: Rubric): Record<Track, LevelChoice[]> => ({
  ic: rubric.tracks.ic.levels.map(({ level, title }) => ({ level, title })),
  manager: rubric.tracks.manager.levels.map(({ level, title }) => ({ level, title })),
});
