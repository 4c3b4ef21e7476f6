import { z } from 'zod';
import { labelSchema } from '../store/schema';

/** One labelled row of a JSONL file; fields other than text and label (id, notes) are ignored. */
export const labelledRowSchema = z.object({ text: z.string(), label: labelSchema });
export type LabelledRow = z.infer<typeof labelledRowSchema>;

export interface RowProblem {
  /** 1-based line number in the file. */
  line: number;
  message: string;
}

/** Parses JSONL, collecting every bad line rather than stopping at the first. Blank lines are skipped. */
export function parseLabelledRows(source: string): { rows: LabelledRow[]; problems: RowProblem[] } {
  const rows: LabelledRow[] = [];
  const problems: RowProblem[] = [];
  source.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line.length === 0) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      problems.push({ line: index + 1, message: 'not valid JSON' });
      return;
    }
    const parsed = labelledRowSchema.safeParse(json);
    if (parsed.success) rows.push({ text: parsed.data.text, label: parsed.data.label });
    else problems.push({ line: index + 1, message: parsed.error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`).join('; ') });
  });
  return { rows, problems };
}

export const formatRowProblems = (file: string, problems: readonly RowProblem[]): string =>
  problems.map((p) => `${file}:${p.line}: ${p.message}`).join('\n');
