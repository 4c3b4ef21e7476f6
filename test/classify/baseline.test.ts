import { describe, expect, it } from 'vitest';
import { classifyByKeywords, keywordClassifier } from '../../lib/classify/baseline';

describe('keyword baseline', () => {
  it.each([
    ['Huge thanks to @Mei, great work on the release', 'recognition'],
    ['The PR is confusing and the error handling is missing', 'constructive'],
    ['A tip for next time: consider writing the summary first', 'coaching'],
    ["I'm blocked on the deploy, can someone help?", 'request'],
    ['Lunch is at noon in room 4', 'other'],
  ] as const)('%s → %s', (text, label) => {
    expect(classifyByKeywords(text).label).toBe(label);
  });

  it('matches whole words only and scores sum to 1', () => {
    // "thanksgiving" is not "thanks"; "helpful" is not "help"
    const prediction = classifyByKeywords('Thanksgiving plans were helpful to nobody');
    expect(prediction.label).toBe('other');
    expect(Object.values(classifyByKeywords('thanks, can you help').scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });

  it('has the classifier interface', async () => {
    const [prediction] = await keywordClassifier.classify(['kudos @Lars']);
    expect(prediction!.label).toBe('recognition');
    expect(keywordClassifier.modelId).toMatch(/^keyword/);
  });
});
