import type { StoredMessage } from '../store/schema';

/**
 * Whom a message is about: the people it mentions; failing that, for a thread reply, the author of the
 * thread's first message; otherwise nobody. The author is never their own subject (a self-mention or a
 * reply in one's own thread is not feedback about oneself), and a mention Aspen could not resolve (empty id)
 * is nobody until the manager picks. The manager is kept like anyone else: praise a report gives the manager
 * is still a fact, and what to show is the view's choice.
 */
export function subjectsFor(
  message: Pick<StoredMessage, 'authorId' | 'mentionIds' | 'ts' | 'threadTs'>,
  parentAuthorId?: string,
): string[] {
  const mentioned = [...new Set(message.mentionIds)].filter((id) => id !== '' && id !== message.authorId);
  if (mentioned.length > 0) return mentioned;
  const isReply = message.threadTs !== null && message.threadTs !== message.ts;
  if (isReply && parentAuthorId !== undefined && parentAuthorId !== message.authorId) return [parentAuthorId];
  return [];
}
