/**
 * Message classification: labels, scores, subjects, evaluation. Model files are loaded by
 * ./node-source (Node) or ./extension-source (browser, the model in workers); both build the same createClassifier.
 */
export { createClassifier, type MessageClassifier, type Prediction } from './classifier';
export { normaliseMessageText } from './message-text';
export { createTransformersUseLiteEncoder, USE_LITE_ID, type SentenceEncoder } from './encoder';
export { headSchema, parseHead, type ClassifierHead } from './head';
export { keywordClassifier, classifyByKeywords } from './baseline';
export { subjectsFor } from './subjects';
export { evaluatePredictions, formatEvaluation, type EvaluationReport, type LabelMetrics } from './metrics';
export { parseLabelledRows, type LabelledRow } from './labelled-rows';
export { CLASSIFIER_ASSETS, type ModelAsset } from './model-files';
export {
  memoiseLoader,
  runClassificationQueue,
  type ClassificationQueueDeps,
  type ClassifierStatus,
  type QueuedMessage,
} from './runner';
