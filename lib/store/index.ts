/*
 * Aspen's storage: the only module that touches IndexedDB. Every record shape is in schema.ts; every layout
 * change is a step in migrations.ts.
 */
export * from './schema';
export {
  openAspenDb,
  reopeningConnection,
  SCHEMA_VERSION,
  STORE_NAMES,
  type AspenConnection,
  type AspenDb,
  type AspenSchema,
  type AspenStoreName,
} from './db';
export { StorageFullError } from './errors';
export { ingestCapturedBatch, LAST_SEEN_REFRESH_MS, type IngestResult, type RejectedItem } from './messages';
export {
  completeQueueItems,
  enqueueForModel,
  failedClassifications,
  retryClassifications,
  queueLength,
  releaseQueueLeases,
  takeQueueBatch,
  QUEUE_LEASE_MS,
  QUEUE_MAX_ATTEMPTS,
  type QueuedMessage,
} from './queue';
export {
  countTrainingExamples,
  getLearnedModel,
  listTrainingExamples,
  recordLabelledTag,
  removeLabelledTag,
  resetLearning,
  saveLearnedModel,
} from './learning';
export { getManagerTag, removeManagerTag, setManagerTag, tagRecognition, tagsForKeys, type ManagerTagInput } from './tags';
export { allDecisions, decideEvidence, decisionsFor, type EvidenceDecisionChange } from './decisions';
export {
  getPerson,
  knownPeople,
  listPeople,
  namedPeople,
  savePerson,
  selfPerson,
  suggestReports,
  PERSON_DEFAULTS,
  type KnownPerson,
  type ReportSuggestion,
} from './people';
export { getSettings, noteWorkspace, setWorkspaceUser, updateSettings } from './settings';
export { unresolvedMentions, type UnresolvedMentions } from './unresolved';
export { clearCustomRubric, getCustomRubric, saveCustomRubric } from './rubric';
export { addNote, deleteNote, notesFor, updateNote, type NoteInput } from './notes';
export {
  addPageEvidence,
  assignPageEvidence,
  deletePageEvidence,
  listPageEvidence,
  pageEvidenceFor,
  type PageEvidenceInput,
} from './evidence';
export { countCapturedSince, listCaptureHealth, recordCaptureHealth, type HealthReport } from './health';
export { getCaughtUpRange, getResumeRange, listCaughtUpRanges, mergeCaughtUpRange, recordCatchUp } from './catch-up';
export type { CatchUpRun } from '../slack/types';
export {
  effectiveEvidence,
  evidenceAll,
  evidenceFor,
  evidenceForKeys,
  evidenceForPeople,
  type EvidenceItem,
  type EvidenceQuery,
  type PersonEvidenceItem,
} from './queries';
export { applyRetention, countExpiring, wipeAll, DAY_MS, type RetentionResult } from './retention';
export { TOMBSTONE_KEEP_DAYS } from './deletions';
export {
  emptyImportResult,
  exportDatabase,
  importDatabase,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type AspenBackup,
  type ImportError,
  type ImportResult,
} from './backup';
