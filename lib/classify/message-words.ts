import { z } from 'zod';
import { normaliseMessageText } from './message-text';

/** FNV-1a, 32 bits: cheap and stable across runs and browsers. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** Words as the head reads them: lowercased runs of letters, digits and the marks of tags, shortcodes and handles. */
const WORD = /[\p{L}\p{N}+#:'_-]+/gu;

/**
 * A message's words and word pairs (of the text the model reads), each once, ascending: as their FNV-1a
 * hashes, so a head and its rehearsal rows hold numbers, never words. Two words share a hash about once in
 * four billion pairs, so a word the head never learned adds nothing to a message rather than another word's weight.
 */
export function messageWords(text: string): number[] {
  const words = normaliseMessageText(text).toLowerCase().match(WORD) ?? [];
  const hashes = new Set<number>();
  words.forEach((word, i) => {
    hashes.add(fnv1a(word));
    if (i > 0) hashes.add(fnv1a(`${words[i - 1]} ${word}`));
  });
  return [...hashes].sort((a, b) => a - b);
}

/** One of messageWords' hashes, as schemas check it. */
export const messageWordSchema = z.number().int().min(0).max(0xffff_ffff);
