import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { afterEach, describe, expect, it } from 'vitest';
import { createClassifier } from '../../lib/classify/classifier';
import { SHIPPED_PRECISION, USE_LITE_MODEL_ID, useLiteModelFile } from '../../lib/classify/model-files';
import { createNodeTransformersEncoder, NODE_MODEL_ROOT } from '../../lib/classify/node-source';
import { runClassificationQueue, type ClassifierStatus } from '../../lib/classify/runner';
import { shippedHead } from '../../lib/classify/shipped-head';
import { fakeQueue, storedMessage } from './fake-queue';

const { onnx } = onnxProto;

/** A valid ONNX model that is not USE lite: it hands input_ids straight back as `logits`. */
function otherModel(): Uint8Array {
  const int64 = (name: string) => ({
    name,
    type: { tensorType: { elemType: onnx.TensorProto.DataType.INT64, shape: { dim: [{ dimParam: 'batch' }, { dimParam: 'tokens' }] } } },
  });
  return onnx.ModelProto.encode(
    onnx.ModelProto.create({
      irVersion: 8,
      opsetImport: [{ domain: '', version: 17 }],
      graph: { name: 'other', node: [{ opType: 'Identity', input: ['input_ids'], output: ['logits'] }], input: [int64('input_ids')], output: [int64('logits')] },
    }),
  ).finish();
}

const MODEL_FILE = useLiteModelFile(SHIPPED_PRECISION);

const DAMAGE: Array<{ case: string; file: string; damage(path: string): void }> = [
  { case: 'a missing model', file: MODEL_FILE, damage: (path) => rmSync(path) },
  { case: 'a truncated model', file: MODEL_FILE, damage: (path) => truncateSync(path, Math.floor(readFileSync(path).length / 2)) },
  { case: 'another model in its place', file: MODEL_FILE, damage: (path) => writeFileSync(path, otherModel()) },
  { case: 'a missing tokenizer', file: 'tokenizer.json', damage: (path) => rmSync(path) },
  { case: 'a truncated tokenizer', file: 'tokenizer.json', damage: (path) => truncateSync(path, 1000) },
];

describe('a damaged install of the converted model', () => {
  const roots: string[] = [];
  afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

  it.each(DAMAGE)('names the file and says to reinstall, for $case, and keeps every queued message', async ({ file, damage }) => {
    const root = mkdtempSync(join(tmpdir(), 'aspen-model-'));
    roots.push(root);
    cpSync(join(NODE_MODEL_ROOT, USE_LITE_MODEL_ID), join(root, USE_LITE_MODEL_ID), { recursive: true });
    damage(join(root, USE_LITE_MODEL_ID, file));

    const messages = [storedMessage('1700000001.000100', 'thanks @U1 for the release'), storedMessage('1700000002.000100', 'can you review this?')];
    const queue = fakeQueue(messages);
    const statuses: ClassifierStatus[] = [];
    const result = await runClassificationQueue(
      {
        ...queue,
        loadClassifier: async () => createClassifier(await createNodeTransformersEncoder(root), shippedHead()),
        parentAuthorOf: async () => undefined,
      },
      { onStatus: (status) => statuses.push(status) },
    );

    const expected = new RegExp(`^model failed to load: model file use-lite/${file.replace('.', '\\.')} is missing or damaged; reinstall Aspen`);
    expect(result.error).toMatch(expected);
    expect(statuses.at(-1)).toMatchObject({ state: 'error', message: expect.stringMatching(expected) });
    expect(result.classified).toBe(0);
    expect(queue.stored).toEqual([]);
    expect([...queue.queued.keys()]).toEqual(messages.map((m) => m.key));
  });
});
