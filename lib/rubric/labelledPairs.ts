import { labelledPairsSchema, type LabelledPair } from './competencyHead';

/** Reads a labelled-pairs file (a JSON array of {text, track, competency}); every problem says where it is. */
export function parseLabelledPairs(file: string, json: string): LabelledPair[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new Error(`${file}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = labelledPairsSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(`${file}:\n${parsed.error.issues.map((i) => `  ${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}
