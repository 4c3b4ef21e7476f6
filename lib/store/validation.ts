import type { z } from 'zod';

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
