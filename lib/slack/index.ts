export { parseSavedSlackPage, parseSlackMessages, parseSlackPage, type ParsedPage, type RenderedRow } from './parse';
export { readSlackLocation, readSlackSelf, type SlackLocation } from './location';
export { observeSlackMessages, type ObserveOptions, type ObservedBatch } from './observer';
export { SELECTORS, ATTRS, ID_PATTERNS, type Selector, type SelectorFact } from './selectors';
export * from './types';
