import { readFileSync } from 'node:fs';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { createClassifier, type MessageClassifier } from '../../lib/classify/classifier';
import type { SentenceEncoder } from '../../lib/classify/encoder';
import { createEncoderPool, serveEncoder, type EncoderChannel } from '../../lib/classify/encoder-pool';
import { parseLabelledRows } from '../../lib/classify/labelled-rows';
import { createNodeClassifierPool, parentPortChannel } from '../../lib/classify/node-pool';
import { createNodeUseLiteEncoder } from '../../lib/classify/node-source';
import { shippedHead } from '../../lib/classify/shipped-head';

/** A channel whose far end can be made to fail, as a crashed worker would. */
function portChannel(port: MessagePort): EncoderChannel & { fail(reason: string): void } {
  let onFailure: (reason: string) => void = () => {};
  return {
    ...parentPortChannel(port),
    listen: (handlers) => {
      port.on('message', handlers.message);
      onFailure = handlers.failure;
    },
    fail: (reason) => onFailure(reason),
  };
}

/** An encoder that names which worker embedded each text, after a short delay. */
const namedEncoder = (worker: string, id = 'test-encoder'): SentenceEncoder => ({
  id,
  dimensions: 1,
  embed: async (texts) => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    return texts.map((text) => Float32Array.of(worker.charCodeAt(0) * 1000 + text.length));
  },
});

function startWorkers(encoders: Array<() => Promise<SentenceEncoder>>) {
  return encoders.map((load) => {
    const { port1, port2 } = new MessageChannel();
    serveEncoder(load, parentPortChannel(port2));
    return portChannel(port1);
  });
}

describe('createEncoderPool', () => {
  it('sends concurrent calls to the least busy worker and answers each in order', async () => {
    const pool = await createEncoderPool(startWorkers([async () => namedEncoder('a'), async () => namedEncoder('b')]));
    const results = await Promise.all([['x'], ['yy'], ['zzz', 'w'], ['vvvv']].map((texts) => pool.embed(texts)));
    const workerOf = (value: number) => String.fromCharCode(Math.floor(value / 1000));
    expect(results.map((r) => r.map((e) => e[0]! % 1000))).toEqual([[1], [2], [3, 1], [4]]);
    expect(results.map((r) => workerOf(r[0]![0]!))).toEqual(['a', 'b', 'a', 'b']);
    pool.close?.();
  });

  it('takes its id and width from the workers and refuses workers that disagree', async () => {
    const pool = await createEncoderPool(startWorkers([async () => namedEncoder('a')]));
    expect([pool.id, pool.dimensions]).toEqual(['test-encoder', 1]);
    pool.close?.();
    await expect(createEncoderPool(startWorkers([async () => namedEncoder('a'), async () => namedEncoder('b', 'other')]))).rejects.toThrow(
      'Classifier workers loaded different encoders',
    );
  });

  it('says why a worker could not load its model', async () => {
    const failing = startWorkers([async () => namedEncoder('a'), () => Promise.reject(new Error('model.json: HTTP 404'))]);
    await expect(createEncoderPool(failing)).rejects.toThrow('Classifier worker could not load the model: model.json: HTTP 404');
  });

  it('fails the calls of a worker that crashes and goes on with the others', async () => {
    const channels = startWorkers([async () => namedEncoder('a'), async () => namedEncoder('b')]);
    const pool = await createEncoderPool(channels);
    const inFlight = pool.embed(['lost']);
    channels[0]!.fail('out of memory');
    await expect(inFlight).rejects.toThrow('Classifier worker stopped: out of memory');
    const [after] = await pool.embed(['ok']);
    expect(String.fromCharCode(Math.floor(after![0]! / 1000))).toBe('b');
    channels[1]!.fail('out of memory');
    await expect(pool.embed(['none left'])).rejects.toThrow('Classifier worker stopped');
    pool.close?.();
  });

  it('refuses to embed once closed', async () => {
    const pool = await createEncoderPool(startWorkers([async () => namedEncoder('a')]));
    pool.close?.();
    await expect(pool.embed(['late'])).rejects.toThrow('Classifier worker stopped: the encoder was closed');
  });

  it('ignores messages that are not replies', async () => {
    const { port1, port2 } = new MessageChannel();
    serveEncoder(async () => namedEncoder('a'), parentPortChannel(port2));
    port2.postMessage({ type: 'embedded', id: 'not a number' });
    port2.postMessage('noise');
    const pool = await createEncoderPool([portChannel(port1)]);
    expect(await pool.embed(['ok'])).toHaveLength(1);
    pool.close?.();
  });
});

describe('createNodeClassifierPool (USE lite on TF.js in two worker threads)', () => {
  let pool: MessageClassifier | undefined;
  afterAll(() => pool?.close?.());

  it('labels the clear examples exactly as the classifier on this thread does', async () => {
    const texts = parseLabelledRows(readFileSync(new URL('../../seeds/labelled/clear-examples.jsonl', import.meta.url), 'utf8')).rows.map((r) => r.text);
    pool = await createNodeClassifierPool(2);
    const onThisThread = createClassifier(await createNodeUseLiteEncoder(), shippedHead());
    const [pooled, local] = await Promise.all([pool.classify(texts), onThisThread.classify(texts)]);
    expect(pool.modelId).toBe(onThisThread.modelId);
    expect(pooled.map((p) => p.label)).toEqual(local.map((p) => p.label));
    pooled.forEach((p, i) => expect(p.scores.recognition).toBeCloseTo(local[i]!.scores.recognition, 5));
  }, 60_000);
});
