import type { ClassifierHead } from './head';
import { decodeRehearsal } from './rehearsal';
// The attribute: Node's own loader refuses a JSON module without it, and Playwright's tests import this chain.
import shippedRehearsalJson from './rehearsal.json' with { type: 'json' };

let decoded: ReturnType<typeof decodeRehearsal> | undefined;

/**
 * The rehearsal rows scripts/train.ts wrote beside head.json, when `head` is the head they were written for;
 * none for any other head (one a test trains), whose refit then rests on the weight pulls alone.
 */
export function rehearsalFor(head: Pick<ClassifierHead, 'modelId'>): { features: Float32Array[]; words: number[][] } {
  decoded ??= decodeRehearsal(shippedRehearsalJson);
  return decoded.modelId === head.modelId ? decoded : { features: [], words: [] };
}
