/** What the encoder should read: Slack markup (mentions, code, emoji codes) says nothing about a behaviour. */
export function evidenceText(text: string): string {
  return text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, ' ')
    .replace(/:[a-z0-9_+-]+:/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
