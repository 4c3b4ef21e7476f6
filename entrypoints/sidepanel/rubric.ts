import { broadcastStoreEvent } from '@/lib/messaging';
import { DEFAULT_RUBRIC, parseRubric, type ParseRubricResult, type Rubric } from '@/lib/rubric';
import { clearCustomRubric, saveCustomRubric, type AspenDb } from '@/lib/store';
import { downloadFile, fileSlug } from './download';

export interface RubricInUse {
  rubric: Rubric;
  custom: boolean;
  /** Why the saved custom rubric could not be used; the default stands in. Empty when nothing is wrong. */
  problems: string[];
}

/** The rubric the panel works with, from what getCustomRubric read: the custom one when it is valid. */
export function rubricInUse(stored: unknown): RubricInUse {
  if (stored === null) return { rubric: DEFAULT_RUBRIC, custom: false, problems: [] };
  const parsed = parseRubric(stored);
  return parsed.ok ? { rubric: parsed.rubric, custom: true, problems: [] } : { rubric: DEFAULT_RUBRIC, custom: false, problems: parsed.errors };
}

/** Downloads `rubric` as indented JSON, ready to edit by hand and import again. */
export function exportRubricFile(rubric: Rubric): void {
  downloadFile(`rubric-${fileSlug(rubric.name)}.json`, 'application/json', `${JSON.stringify(rubric, null, 2)}\n`);
}

/** Checks a chosen rubric file with every problem reported; only a valid one is saved and announced. */
export async function importRubricFile(db: AspenDb, file: Blob): Promise<ParseRubricResult> {
  const result = parseRubric(await file.text());
  if (result.ok) {
    await saveCustomRubric(db, result.rubric);
    broadcastStoreEvent('settings');
  }
  return result;
}

export async function resetRubric(db: AspenDb): Promise<void> {
  await clearCustomRubric(db);
  broadcastStoreEvent('settings');
}
