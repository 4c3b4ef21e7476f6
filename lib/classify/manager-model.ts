import { getLearnedModel, listTrainingExamples, resetLearning, saveLearnedModel, type AspenDb, type LearnedModel } from '../store';
import type { EncoderPool } from './encoder-pool';
import { headSchema, type ClassifierHead } from './head';
import { REFIT_AFTER_NEW_EXAMPLES, refitExamples, refitForManager } from './learning';

/** The manager's refitted head when it was refitted from this shipped head; else null (none, stale, unreadable). */
export function learnedHeadFor(model: LearnedModel | null, shipped: ClassifierHead): ClassifierHead | null {
  if (!model || model.baseModelId !== shipped.modelId) return null;
  const head = headSchema.safeParse(model.head);
  return head.success && head.data.encoderId === shipped.encoderId ? head.data : null;
}

/** The head the classifier runs: the manager's own when there is a current one, else the shipped head. */
export async function headInUse(db: AspenDb, shipped: ClassifierHead): Promise<ClassifierHead> {
  return learnedHeadFor(await getLearnedModel(db), shipped) ?? shipped;
}

/**
 * Refits the manager's head when it is due: REFIT_AFTER_NEW_EXAMPLES examples given since the last fit (or
 * since none), or at once when the shipped model changed under a learned one. The refit runs in a classifier
 * worker that `startWorker` starts and this closes. Returns whether the head changed.
 */
export async function refitIfDue(db: AspenDb, shipped: ClassifierHead, startWorker: () => Promise<EncoderPool>): Promise<boolean> {
  const [examples, model] = await Promise.all([listTrainingExamples(db), getLearnedModel(db)]);
  if (examples.length === 0) {
    // Every example was taken back: what was learned from them goes too.
    if (model === null) return false;
    await resetLearning(db);
    return true;
  }
  const current = learnedHeadFor(model, shipped) !== null;
  const since = current ? model!.fittedThrough : -Infinity;
  const fresh = examples.filter((e) => e.addedAt > since).length;
  const stale = model !== null && !current;
  if (!stale && fresh < REFIT_AFTER_NEW_EXAMPLES) return false;

  const worker = await startWorker();
  let head: ClassifierHead;
  try {
    head = await refitForManager(worker, shipped, examples);
  } finally {
    worker.close?.();
  }
  await saveLearnedModel(db, {
    head,
    baseModelId: shipped.modelId,
    examples: refitExamples(examples).length,
    fittedThrough: Math.max(...examples.map((e) => e.addedAt)),
  });
  return true;
}
