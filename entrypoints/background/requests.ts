import type { Browser } from 'wxt/browser';
import { broadcastStoreEvent, runtimeRequestSchema, type CaptureReply, type RuntimeRequest } from '@/lib/messaging';
import {
  getSettings,
  ingestCapturedBatch,
  messageKey,
  recordCaptureHealth,
  removeManagerTag,
  addPageEvidence,
  setManagerTag,
  StorageFullError,
  tagsForKeys,
  updateSettings,
} from '@/lib/store';
import { wakeClassifier } from './classifier-host';
import { database } from './database';

async function capture(request: Extract<RuntimeRequest, { type: 'capture' }>, tabId: number | null): Promise<CaptureReply> {
  const db = await database();
  const { teamId, channelId } = request.location;
  if (teamId && channelId) await recordCaptureHealth(db, { teamId, channelId, tabId, health: request.health });
  broadcastStoreEvent('health');
  const settings = await getSettings(db);
  if (settings.capturePaused) return { ok: false, inserted: 0, updated: 0, rejected: 0, paused: true, error: settings.pauseReason ?? undefined };
  try {
    const result = await ingestCapturedBatch(db, request.messages);
    if (result.inserted + result.updated > 0) {
      broadcastStoreEvent('messages');
      void wakeClassifier();
    }
    return { ok: true, inserted: result.inserted, updated: result.updated, rejected: result.rejected.length, paused: false };
  } catch (error) {
    if (!(error instanceof StorageFullError)) throw error;
    // Capture pauses rather than dropping batches silently; the panel shows why and how to free space.
    await updateSettings(db, { capturePaused: true, pauseReason: error.message });
    broadcastStoreEvent('settings');
    return { ok: false, inserted: 0, updated: 0, rejected: 0, paused: true, error: error.message };
  }
}

async function tagRecognition(request: Extract<RuntimeRequest, { type: 'tag-recognition' }>) {
  const db = await database();
  await ingestCapturedBatch(db, [request.message]);
  const tag = await setManagerTag(db, messageKey(request.message), {
    label: 'recognition',
    subjects: request.subjects,
    dismissed: false,
  });
  broadcastStoreEvent('tags');
  return { ok: true, tag };
}

async function taggedKeys(keys: string[]) {
  const tags = await tagsForKeys(await database(), keys);
  return { tagged: Object.fromEntries([...tags].filter(([, tag]) => !tag.dismissed).map(([key, tag]) => [key, tag.label])) };
}

/** A page captured from the context menu waits, unassigned, until the manager picks a person in the panel. */
async function keepPageEvidence(page: Extract<RuntimeRequest, { type: 'page-evidence' }>['page']) {
  await addPageEvidence(await database(), { ...page, personId: '', label: 'other' });
  broadcastStoreEvent('notes');
  return { ok: true };
}

async function respond(request: RuntimeRequest, sender: Browser.runtime.MessageSender): Promise<unknown> {
  switch (request.type) {
    case 'capture':
      return capture(request, sender.tab?.id ?? null);
    case 'tag-recognition':
      return tagRecognition(request);
    case 'untag':
      await removeManagerTag(await database(), request.key);
      broadcastStoreEvent('tags');
      return { ok: true };
    case 'tagged-keys':
      return taggedKeys(request.keys);
    case 'wake-classifier':
      await wakeClassifier();
      return { ok: true };
    case 'page-evidence':
      return keepPageEvidence(request.page);
  }
}

/** Every request is checked with zod: a Slack page is untrusted input. Unknown requests are left to others. */
export function handleRuntimeRequest(message: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> | undefined {
  const request = runtimeRequestSchema.safeParse(message);
  if (!request.success) return undefined;
  return respond(request.data, sender).catch((error: unknown) => ({
    ok: false,
    error: error instanceof Error ? error.message : String(error),
  }));
}
