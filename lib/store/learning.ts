import { exampleKey } from '../classify/learning';
import { writeTransaction, type AspenDb } from './db';
import { recordTombstones } from './deletions';
import { LEARNED_MODEL_KEY } from './migrations';
import {
  learnedModelSchema,
  managerTagSchema,
  trainingExampleSchema,
  type LearnedModel,
  type ManagerTag,
  type TrainingExample,
} from './schema';
import type { ManagerTagInput } from './tags';
import { validRows } from './validation';

/**
 * The manager's judgement of a message as a tag (see setManagerTag) and, when it gives a label, as an example
 * for their own model, in one transaction. The example is keyed by the text as the model reads it: the same
 * text labelled again replaces the earlier example (the latest wins). Dismissing is not a label: use setManagerTag.
 */
export async function recordLabelledTag(
  db: AspenDb,
  key: string,
  input: ManagerTagInput,
  source: TrainingExample['source'],
  now = Date.now(),
): Promise<ManagerTag> {
  const tag = managerTagSchema.parse({ key, label: input.label, subjects: [...new Set(input.subjects)], dismissed: input.dismissed, taggedAt: now });
  await writeTransaction(db, ['tags', 'messages', 'examples', 'deletions'], async (tx) => {
    const [message] = await Promise.all([tx.objectStore('messages').get(key), tx.objectStore('tags').put(tag)]);
    const text = typeof message?.text === 'string' ? message.text : '';
    if (tag.label === null || exampleKey(text).length === 0) return;
    const examples = tx.objectStore('examples');
    // This message's earlier example goes, even if its text was edited since: one message, one example.
    const example = trainingExampleSchema.parse({ key: exampleKey(text), text, label: tag.label, messageKey: key, source, addedAt: now });
    const replaced = (await examples.index('messageKey').getAllKeys(key)).filter((k) => k !== example.key);
    await Promise.all([...replaced.map((k) => examples.delete(k)), recordTombstones(tx, 'examples', replaced, now)]);
    await examples.put(example);
  });
  return tag;
}

/**
 * Removes a message's tag and the example it gave (the manager took their Recognition tag back), with
 * tombstones for both, so an older backup does not bring them back.
 */
export async function removeLabelledTag(db: AspenDb, key: string, now = Date.now()): Promise<void> {
  await writeTransaction(db, ['tags', 'examples', 'deletions'], async (tx) => {
    const examples = tx.objectStore('examples');
    const given = await examples.index('messageKey').getAllKeys(key);
    await Promise.all([
      tx.objectStore('tags').delete(key),
      ...given.map((k) => examples.delete(k)),
      recordTombstones(tx, 'tags', [key], now),
      recordTombstones(tx, 'examples', given, now),
    ]);
  });
}

/** Every example, oldest first; unreadable rows are left out. */
export async function listTrainingExamples(db: AspenDb): Promise<TrainingExample[]> {
  return validRows(trainingExampleSchema, await db.getAllFromIndex('examples', 'addedAt'));
}

export const countTrainingExamples = (db: AspenDb): Promise<number> => db.count('examples');

export async function getLearnedModel(db: AspenDb): Promise<LearnedModel | null> {
  const parsed = learnedModelSchema.safeParse(await db.get('learnedModel', LEARNED_MODEL_KEY));
  return parsed.success ? parsed.data : null;
}

export async function saveLearnedModel(db: AspenDb, model: LearnedModel): Promise<void> {
  const valid = learnedModelSchema.parse(model);
  await writeTransaction(db, ['learnedModel'], (tx) => tx.objectStore('learnedModel').put(valid, LEARNED_MODEL_KEY));
}

/** Back to the shipped model: forgets the manager's examples (tombstoned) and their head. Their tags stay. */
export async function resetLearning(db: AspenDb, now = Date.now()): Promise<void> {
  await writeTransaction(db, ['examples', 'learnedModel', 'deletions'], async (tx) => {
    const examples = tx.objectStore('examples');
    const keys = await examples.getAllKeys();
    await Promise.all([examples.clear(), tx.objectStore('learnedModel').clear(), recordTombstones(tx, 'examples', keys, now)]);
  });
}
