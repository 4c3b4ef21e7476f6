import { describe, expect, it } from 'vitest';
import { DEFAULT_RUBRIC, competenciesFor, nextLevel, parseRubric, type Rubric } from '../../lib/rubric';

const copy = (): Rubric => structuredClone(DEFAULT_RUBRIC);

describe('DEFAULT_RUBRIC', () => {
  it('has two tracks of at least five levels, each competency with 3–6 behaviours', () => {
    for (const track of ['ic', 'manager'] as const) {
      const levels = DEFAULT_RUBRIC.tracks[track].levels;
      expect(levels.length).toBeGreaterThanOrEqual(5);
      const ids = levels[0].competencies.map((c) => c.id);
      expect(ids.length).toBeGreaterThanOrEqual(5);
      for (const level of levels) {
        // The same competencies at every level, so levels can be compared competency by competency.
        expect(level.competencies.map((c) => c.id)).toEqual(ids);
        for (const competency of level.competencies) {
          expect(competency.behaviours.length).toBeGreaterThanOrEqual(3);
          expect(competency.behaviours.length).toBeLessThanOrEqual(6);
          expect(competency.description.length).toBeGreaterThan(10);
        }
      }
    }
    expect(DEFAULT_RUBRIC.tracks.ic.levels[0].competencies.map((c) => c.name)).toContain('Mentoring & growing others');
    expect(DEFAULT_RUBRIC.tracks.manager.levels[0].competencies.map((c) => c.name)).toContain('Hiring');
  });

  it('never repeats a behaviour phrase, so each phrase points at one competency and level', () => {
    const phrases = Object.values(DEFAULT_RUBRIC.tracks).flatMap((t) => t.levels.flatMap((l) => l.competencies.flatMap((c) => c.behaviours)));
    expect(new Set(phrases).size).toBe(phrases.length);
  });
});

describe('parseRubric', () => {
  it('round-trips the default rubric through JSON text', () => {
    const parsed = parseRubric(JSON.stringify(DEFAULT_RUBRIC));
    expect(parsed).toEqual({ ok: true, rubric: DEFAULT_RUBRIC });
  });

  it('reports text that is not JSON', () => {
    const parsed = parseRubric('{"version": 1,');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0]).toMatch(/^Not valid JSON: /);
  });

  it('says where each problem is', () => {
    const broken = copy() as unknown as { tracks: Record<string, unknown>; version: number };
    delete broken.tracks.manager;
    broken.version = 2;
    const parsed = parseRubric(broken);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.some((e) => e.startsWith('version:'))).toBe(true);
    expect(parsed.errors.some((e) => e.startsWith('tracks.manager:'))).toBe(true);
  });

  it('rejects levels out of order, duplicate competencies and too few behaviours', () => {
    const rubric = copy();
    rubric.tracks.ic.levels[2].level = 7;
    rubric.tracks.ic.levels[0].competencies[1].id = rubric.tracks.ic.levels[0].competencies[0].id;
    rubric.tracks.manager.levels[1].competencies[0].behaviours = ['only one behaviour'];
    const parsed = parseRubric(rubric);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toContain('tracks.ic.levels[2].level: Levels must be numbered 1, 2, 3… in order; expected 3, found 7');
    expect(parsed.errors).toContain('tracks.ic.levels[0].competencies[1].id: Competency "technical-craft" appears twice at level 1');
    expect(parsed.errors.some((e) => e.startsWith('tracks.manager.levels[1].competencies[0].behaviours:'))).toBe(true);
  });

  it('accepts an edited rubric', () => {
    const rubric = copy();
    rubric.tracks.ic.levels[0].competencies[0].behaviours.push('wrote a tiny but useful script');
    const parsed = parseRubric(rubric);
    expect(parsed.ok && parsed.rubric.tracks.ic.levels[0].competencies[0].behaviours).toContain('wrote a tiny but useful script');
  });
});

describe('competenciesFor / nextLevel', () => {
  it('tags competencies with their track and level', () => {
    const competencies = competenciesFor(DEFAULT_RUBRIC, 'manager', 2);
    expect(competencies.map((c) => c.id)).toEqual(['people-development', 'team-health', 'hiring', 'delivery', 'strategy', 'cross-team-leadership']);
    expect(competencies.every((c) => c.track === 'manager' && c.level === 2)).toBe(true);
    expect(competenciesFor(DEFAULT_RUBRIC, 'ic', 9)).toEqual([]);
  });

  it('steps up within the track and stops at the top', () => {
    expect(nextLevel(DEFAULT_RUBRIC, 'ic', 4)?.title).toBe('Staff Engineer');
    expect(nextLevel(DEFAULT_RUBRIC, 'manager', 1)?.level).toBe(2);
    const top = DEFAULT_RUBRIC.tracks.ic.levels.length;
    expect(nextLevel(DEFAULT_RUBRIC, 'ic', top)).toBeNull();
  });
});
