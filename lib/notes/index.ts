export { citeMessage, conversationName, extractQuote, isoDate, MAX_QUOTE_LENGTH } from './citations';
export type { Citation } from './citations';
export { escapeMarkdown, citationMarkdown } from './markdown';
export { PREP_DEFAULTS, buildOneOnOnePrep, followUpsFromNotes, lastOneOnOneFromDate, oneOnOneToMarkdown } from './oneOnOnePrep';
export type { OneOnOnePrep, PrepItem, PrepOptions, PrepSection, PrepSectionId } from './oneOnOnePrep';
export { DRAFT_BANNER, MAX_CLAIMS_PER_KIND, buildReviewDraft, reviewDraftName, reviewDraftToMarkdown } from './reviewDraft';
export type { CitedSentence, ClaimKind, ReviewClaim, ReviewDraft, ReviewSection } from './reviewDraft';
export { CONFIDENCE_LABELS, CONFIDENCE_THRESHOLDS, confidenceOf } from './confidence';
export type { Confidence, ConfidenceLevel } from './confidence';
export { NEXT_LEVEL_THRESHOLDS, assessNextLevel, competenciesToCompare } from './nextLevel';
export type { NextLevelAssessment, NextLevelCompetency, NextLevelVerdict, SupportCue } from './nextLevel';
export { CALIBRATION_LABELS, CALIBRATION_THRESHOLDS, buildCalibration } from './calibration';
export type { Calibration, CalibrationCue, CalibrationCueKind, CalibrationLabel, CalibrationRow } from './calibration';
export { EVIDENCE_CSV_COLUMNS, csvCell, evidenceToCsv, evidenceToMarkdown, reviewPacketTitle, reviewPacketToMarkdown } from './exportReview';
export type { ReviewPacket } from './exportReview';
// extractPageEvidence (Readability) is imported from './pageEvidence' by the injected page-evidence script
// alone, so that the side panel and background bundles never carry Readability.
export { PAGE_LIMITS, pageExtractSchema } from './pageExtract';
export { unreadablePageReason } from './page-access';
export type { PageExtract } from './pageExtract';
export { PAGE_ITEM_PREFIX, isPageItemKey, pageEvidenceToItem, pageIdOfItemKey } from './pageEvidenceItem';
