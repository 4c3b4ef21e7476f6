import { z } from 'zod';
import type { ClassifierStatus } from './runner';

const STATUS_KEY = 'aspen.classifierStatus';

const statusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('loading') }),
  z.object({ state: z.literal('ready'), modelId: z.string() }),
  z.object({ state: z.literal('classifying'), modelId: z.string(), done: z.number() }),
  z.object({ state: z.literal('resting'), modelId: z.string() }),
  z.object({ state: z.literal('error'), message: z.string() }),
]);

/**
 * The classifier's last status, for the panel's health view. Kept in the extension origin's localStorage,
 * which the offscreen document (Chrome), the background page (Firefox) and the panel all share.
 */
export function saveClassifierStatus(storage: Storage, status: ClassifierStatus): void {
  storage.setItem(STATUS_KEY, JSON.stringify({ ...status, at: Date.now() }));
}

export function readClassifierStatus(storage: Storage): ClassifierStatus | null {
  try {
    const parsed = statusSchema.safeParse(JSON.parse(storage.getItem(STATUS_KEY) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
