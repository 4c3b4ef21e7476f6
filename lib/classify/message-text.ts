/** Long messages cost time linear in tokens and say what they are about early on. */
const MAX_CHARS = 600;

/** What the model reads of a message: links carry no tone, runs of whitespace carry nothing. */
export function normaliseMessageText(text: string): string {
  return text
    .replace(/https?:\/\/\S+/g, 'link')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_CHARS);
}
