import { describe, expect, it, vi } from 'vitest';
import { memoiseEmbeddings } from '../../entrypoints/sidepanel/notes/embedder';

const vectorOf = (text: string) => Float32Array.from([text.length, text.charCodeAt(0)]);

describe('memoiseEmbeddings', () => {
  it('embeds each distinct text once and answers in the order asked', async () => {
    const embed = vi.fn(async (texts: string[]) => texts.map(vectorOf));
    const cached = memoiseEmbeddings(embed);
    expect(await cached(['ab', 'c', 'ab'])).toEqual([vectorOf('ab'), vectorOf('c'), vectorOf('ab')]);
    expect(await cached(['c', 'def'])).toEqual([vectorOf('c'), vectorOf('def')]);
    expect(embed.mock.calls).toEqual([[['ab', 'c']], [['def']]]);
    await cached(['def', 'ab']);
    expect(embed).toHaveBeenCalledTimes(2);
  });

  it('starts over past its limit without losing any answer', async () => {
    const embed = vi.fn(async (texts: string[]) => texts.map(vectorOf));
    const cached = memoiseEmbeddings(embed, 2);
    await cached(['a', 'bb']);
    expect(await cached(['a', 'ccc'])).toEqual([vectorOf('a'), vectorOf('ccc')]);
    await cached(['a']);
    expect(embed.mock.calls).toEqual([[['a', 'bb']], [['ccc']], [['a']]]);
  });
});
