import type { Browser } from 'wxt/browser';
import { broadcastStoreEvent, KNOWN_PEOPLE_LIMIT, runtimeRequestSchema, type CaptureReply, type CaptureStateReply, type RuntimeRequest } from '@/lib/messaging';
import { getResumeRange, recordCatchUp } from '@/lib/store';
import { catchUpStatus, sendCatchUpCommand, noteCatchUpProgress, noteSlackTab } from './catch-up';
import {
  getSettings,
  ingestCapturedBatch,
  namedPeople,
  noteWorkspace,
  recordCaptureHealth,
  addPageEvidence,
  removeLabelledTag,
  StorageFullError,
  tagRecognition,
  tagsForKeys,
  updateSettings,
  type AspenDb,
} from '@/lib/store';
import { wakeClassifier } from './classifier-host';
import { database } from './database';
import { runDetached } from './detached';
import { reportPageEvidenceProblem, takePageEvidenceProblem } from './page-evidence-menu';
import { notifySlackTabs } from './slack-tabs';

/** Set when storage refused even the pause record; lives as long as this background does. */
let unsavedPauseReason: string | null = null;

async function captureState(db: AspenDb): Promise<CaptureStateReply> {
  const { capturePaused, pauseReason } = await getSettings(db);
  if (capturePaused || unsavedPauseReason === null) return { capturePaused, pauseReason };
  return { capturePaused: true, pauseReason: unsavedPauseReason };
}

/**
 * The workspace a capture comes from is the current one, and its signed-in Slack user is the manager there:
 * remembered per workspace, so "me" and report suggestions start from the right person in each.
 */
async function rememberWorkspace(db: AspenDb, teamId: string | undefined, selfId: string | undefined) {
  if (teamId && (await noteWorkspace(db, teamId, selfId))) broadcastStoreEvent('settings');
}

/** The manager freed space and asks to capture again. */
async function resumeCapture() {
  unsavedPauseReason = null;
  await updateSettings(await database(), { capturePaused: false, pauseReason: null });
  broadcastStoreEvent('settings');
  // Rows seen while paused were not stored: the tabs parse their pages again and send them.
  runDetached('telling Slack tabs capture resumed', notifySlackTabs({ type: 'aspen:capture-resumed' }));
  return { ok: true };
}

async function capture(request: Extract<RuntimeRequest, { type: 'capture' }>, tabId: number | null): Promise<CaptureReply> {
  const db = await database();
  const { teamId, channelId } = request.location;
  try {
    // Health is a write too: when storage is full it fails first, and must pause capture like a batch does.
    if (teamId && channelId) await recordCaptureHealth(db, { teamId, channelId, tabId, health: request.health });
    broadcastStoreEvent('health');
    const state = await captureState(db);
    if (state.capturePaused) return pausedReply(state.pauseReason ?? undefined);
    await rememberWorkspace(db, teamId, request.location.selfId);
    const result = await ingestCapturedBatch(db, request.messages);
    if (result.inserted + result.updated > 0) {
      broadcastStoreEvent('messages');
      runDetached('waking the classifier', wakeClassifier());
    }
    return { ok: true, inserted: result.inserted, updated: result.updated, rejected: result.rejected.length, paused: false };
  } catch (error) {
    if (!(error instanceof StorageFullError)) throw error;
    return pauseForFullStorage(db, error);
  }
}

const pausedReply = (reason: string | undefined): CaptureReply => ({ ok: false, inserted: 0, updated: 0, rejected: 0, paused: true, error: reason });

/** Capture pauses rather than dropping batches silently; the panel shows why and how to free space. */
async function pauseForFullStorage(db: AspenDb, error: StorageFullError): Promise<CaptureReply> {
  if (!(await captureState(db)).capturePaused) {
    try {
      await updateSettings(db, { capturePaused: true, pauseReason: error.message });
    } catch (pauseError) {
      // Not even the small pause record fits (a full disk refuses every write): the panel asks us instead.
      if (!(pauseError instanceof StorageFullError)) throw pauseError;
      unsavedPauseReason = error.message;
    }
    broadcastStoreEvent('settings');
  }
  return pausedReply(error.message);
}

async function tagFromSlack(request: Extract<RuntimeRequest, { type: 'tag-recognition' }>) {
  const tag = await tagRecognition(await database(), request.key, request.subjects, request.sighting);
  broadcastStoreEvent('tags');
  return { ok: true, tag };
}

async function taggedKeys(keys: string[]) {
  const tags = await tagsForKeys(await database(), keys);
  return { tagged: Object.fromEntries([...tags].filter(([, tag]) => !tag.dismissed).map(([key, tag]) => [key, tag.label])) };
}

/** A page captured from the context menu waits, unassigned, until the manager picks a person in the panel. */
async function keepPageEvidence(page: Extract<RuntimeRequest, { type: 'page-evidence' }>['page']) {
  try {
    await addPageEvidence(await database(), { ...page, personId: '', label: 'other' });
  } catch (error) {
    reportPageEvidenceProblem(page.url, `Aspen could not keep this page: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
  broadcastStoreEvent('notes');
  return { ok: true };
}

async function respond(request: RuntimeRequest, sender: Browser.runtime.MessageSender): Promise<unknown> {
  // Content scripts speak from their tab; Aspen's own pages (the panel opened as a tab) are not Slack tabs.
  const fromSlackTab = sender.tab?.id !== undefined && !sender.url?.startsWith(browser.runtime.getURL('/'));
  if (fromSlackTab) noteSlackTab(sender.tab!.id!);
  switch (request.type) {
    case 'capture':
      return capture(request, sender.tab?.id ?? null);
    case 'catch-up-progress':
      if (fromSlackTab) noteCatchUpProgress(sender.tab!.id!, request.status);
      return { ok: true };
    case 'catch-up-finished':
      await recordCatchUp(await database(), request.run);
      broadcastStoreEvent('catchUp');
      return { ok: true };
    case 'catch-up-stored':
      return { range: await getResumeRange(await database(), request.teamId, request.channelId) };
    case 'catch-up-command':
      return sendCatchUpCommand(request.command);
    case 'catch-up-status':
      return catchUpStatus();
    case 'tag-recognition':
      return tagFromSlack(request);
    case 'untag':
      await removeLabelledTag(await database(), request.key);
      broadcastStoreEvent('tags');
      return { ok: true };
    case 'tagged-keys':
      return taggedKeys(request.keys);
    case 'known-people':
      return { people: await namedPeople(await database(), request.teamId, KNOWN_PEOPLE_LIMIT) };
    case 'capture-state':
      return captureState(await database());
    case 'resume-capture':
      return resumeCapture();
    case 'wake-classifier':
      await wakeClassifier();
      return { ok: true };
    case 'page-evidence':
      return keepPageEvidence(request.page);
    case 'page-evidence-problem':
      return { problem: takePageEvidenceProblem() };
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
