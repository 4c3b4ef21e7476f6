import type { z } from 'zod';
import { LABELS, type Classification, type Label, type ManagerTag, type StoredMessage } from './schema';

/** One line per problem, with the path inside the value, for reports a person reads. */
export const describeZodError = (error: z.ZodError): string =>
  error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(value)'}: ${issue.message}`).join('; ');

/** The rows that match `schema`; a record that cannot be read is left out of results rather than failing the read. */
export function validRows<T>(schema: z.ZodType<T>, rows: readonly unknown[]): T[] {
  const valid: T[] = [];
  for (const row of rows) {
    const parsed = schema.safeParse(row);
    if (parsed.success) valid.push(parsed.data);
  }
  return valid;
}

const isObject = (row: unknown): row is Record<string, unknown> => typeof row === 'object' && row !== null;
const isLabel = (value: unknown): value is Label => (LABELS as readonly unknown[]).includes(value);

/*
 * Read checks for the panel's hot path. Messages, classifications and tags were validated with zod when
 * written (capture, classifier, tags, import), and zod runs without its compiled parsers in extension pages
 * (their CSP forbids eval): parsing a person's year of evidence again took 10-15 ms of a ~100 ms read in
 * Chromium. What can still be in a store unchecked is a legacy row a migration could not read and kept as it
 * was; these checks tell those apart by the fields the views rely on.
 */
export const isStoredMessageRow = (row: unknown): row is StoredMessage =>
  isObject(row) &&
  typeof row.key === 'string' &&
  typeof row.sentAt === 'number' &&
  typeof row.authorId === 'string' &&
  typeof row.text === 'string' &&
  Array.isArray(row.mentions) &&
  Array.isArray(row.mentionIds) &&
  Array.isArray(row.reactions) &&
  Array.isArray(row.previousTexts);

export const isClassificationRow = (row: unknown): row is Classification =>
  isObject(row) && typeof row.key === 'string' && isLabel(row.label) && isObject(row.scores) && Array.isArray(row.subjects);

export const isManagerTagRow = (row: unknown): row is ManagerTag =>
  isObject(row) &&
  typeof row.key === 'string' &&
  (row.label === null || isLabel(row.label)) &&
  Array.isArray(row.subjects) &&
  typeof row.dismissed === 'boolean';

/** The rows that pass `check`, as validRows does with a schema. */
export const checkedRows = <T>(check: (row: unknown) => row is T, rows: readonly unknown[]): T[] => rows.filter(check);
