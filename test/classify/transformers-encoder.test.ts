import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTransformersEncoder } from '../../lib/classify/encoder';

describe('createTransformersEncoder (the ONNX drop-in path)', () => {
  it('never goes to the hub: with no local files it fails clearly instead of downloading', async () => {
    const modelPath = mkdtempSync(join(tmpdir(), 'aspen-models-'));
    await expect(createTransformersEncoder({ modelPath, modelId: 'Xenova/all-MiniLM-L6-v2', dimensions: 384 })).rejects.toThrow(
      /Sentence encoder Xenova\/all-MiniLM-L6-v2 could not be loaded from .*aspen-models-.*(allowRemoteModels=false|not found locally)/,
    );
    const { env } = await import('@huggingface/transformers');
    expect(env.allowRemoteModels).toBe(false);
    expect(env.localModelPath).toBe(modelPath);
  });
});
