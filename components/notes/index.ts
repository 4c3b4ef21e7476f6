import './notes.css';

export { OneOnOnePrepView } from './OneOnOnePrepView';
export type { OneOnOnePrepViewProps } from './OneOnOnePrepView';
export { ReviewDraftView } from './ReviewDraftView';
export type { ReviewDraftViewProps, ReviewExportFormat } from './ReviewDraftView';
export { CalibrationView } from './CalibrationView';
export type { CalibrationViewProps } from './CalibrationView';
export { NextLevelView } from './NextLevelView';
export type { NextLevelViewProps } from './NextLevelView';
export { AddPageEvidenceView } from './AddPageEvidenceView';
export type { AddPageEvidenceViewProps } from './AddPageEvidenceView';
export { PrintableReview, printableReviewDocument } from './PrintableReview';
export type { PrintableReviewProps } from './PrintableReview';
export { Citations } from './Citations';
