import type { AspenDb } from './db';
import { storedMessageSchema, type StoredMessage } from './schema';
import { validRows } from './validation';

export interface UnresolvedMentions {
  /** Newest first, at most the limit asked for. */
  messages: StoredMessage[];
  total: number;
}

/**
 * Messages that mention someone Aspen could not tell apart (a name two people share, or a name nobody known
 * has) and that the manager has not credited yet: an unresolved mention is stored with an empty id, so the
 * mention index finds them without reading every message.
 */
export async function unresolvedMentions(db: AspenDb, limit = 20): Promise<UnresolvedMentions> {
  const tx = db.transaction(['messages', 'tags']);
  const rows = validRows(storedMessageSchema, await tx.objectStore('messages').index('mentionIds').getAll(''));
  const tagged = await Promise.all(rows.map((row) => tx.objectStore('tags').getKey(row.key)));
  await tx.done;
  const open = rows.filter((_, i) => tagged[i] === undefined).sort((a, b) => b.sentAt - a.sentAt);
  return { messages: open.slice(0, limit), total: open.length };
}
