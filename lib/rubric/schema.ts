import { z } from 'zod';
import type { Track } from '../store/schema';

/**
 * A career framework as editable, importable JSON. Competency ids repeat across the levels of a track
 * (technical-craft at IC2 and at IC3), so that evidence can be compared level against level.
 */
export const competencySchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case words joined by hyphens, like "technical-craft"'),
  name: z.string().trim().min(1),
  description: z.string().trim().min(1),
  /** Example behaviours at this level: what captured evidence is matched against. */
  behaviours: z.array(z.string().trim().min(3)).min(3).max(6),
});
export type Competency = z.infer<typeof competencySchema>;

export const rubricLevelSchema = z.object({
  level: z.number().int().min(1).max(10),
  title: z.string().trim().min(1),
  summary: z.string().trim().min(1),
  competencies: z.array(competencySchema).min(1),
});
export type RubricLevel = z.infer<typeof rubricLevelSchema>;

export const rubricTrackSchema = z
  .object({
    name: z.string().trim().min(1),
    description: z.string().trim().min(1),
    levels: z.array(rubricLevelSchema).min(1),
  })
  .superRefine((track, ctx) => {
    track.levels.forEach((level, index) => {
      if (level.level !== index + 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', index, 'level'],
          message: `Levels must be numbered 1, 2, 3… in order; expected ${index + 1}, found ${level.level}`,
        });
      }
      const seen = new Set<string>();
      level.competencies.forEach((competency, c) => {
        if (seen.has(competency.id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['levels', index, 'competencies', c, 'id'],
            message: `Competency "${competency.id}" appears twice at level ${level.level}`,
          });
        }
        seen.add(competency.id);
      });
    });
  });
export type RubricTrack = z.infer<typeof rubricTrackSchema>;

export const rubricSchema = z.object({
  version: z.literal(1),
  id: z.string().trim().min(1),
  name: z.string().trim().min(1),
  tracks: z.object({ ic: rubricTrackSchema, manager: rubricTrackSchema }),
});
export type Rubric = z.infer<typeof rubricSchema>;

/** A competency as expected at one level of one track. */
export type RubricCompetency = Competency & { track: Track; level: number };

export type ParseRubricResult = { ok: true; rubric: Rubric } | { ok: false; errors: string[] };

const describePath = (path: ReadonlyArray<PropertyKey>) =>
  path.length === 0 ? '(root)' : path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '');

/** Reads a rubric from JSON text or an already parsed value; every problem comes back with where it is. */
export function parseRubric(json: unknown): ParseRubricResult {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      return { ok: false, errors: [`Not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
    }
  }
  const result = rubricSchema.safeParse(value);
  if (result.success) return { ok: true, rubric: result.data };
  return { ok: false, errors: result.error.issues.map((issue) => `${describePath(issue.path)}: ${issue.message}`) };
}
