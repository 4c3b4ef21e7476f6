import { z } from 'zod';
import { labelSchema, LABELS } from '../store/schema';
import { embedMessages } from './classifier';
import type { SentenceEncoder } from './encoder';
import { headSchema, type ClassifierHead } from './head';
import { rehearsalFor } from './shipped-rehearsal';
import { messageWords } from './message-words';
import { adaptHead } from './train-head';

/**
 * The model runs in workers, never on a page's own thread: TF.js's wasm kernels are single-threaded here
 * (its threaded build needs blob: workers, which the extension's CSP refuses), so a pool of workers, each
 * with its own copy of the model, is how classification uses more than one core.
 */

/** Two workers use both cores of a small laptop; more would hold more copies of the model than they repay. */
const MAX_ENCODER_WORKERS = 2;

/** How many encoder workers to start on a machine with `cores` logical cores. */
export const encoderWorkerCount = (cores: number | undefined): number => Math.max(1, Math.min(MAX_ENCODER_WORKERS, cores ?? 1));

/** One end of a message channel: a Worker seen from its page, a worker's own scope, a worker_threads port. */
export interface EncoderChannel {
  post(message: unknown): void;
  /** `message` for each message; `failure` when the other side crashed or could not start. */
  listen(handlers: { message(data: unknown): void; failure(reason: string): void }): void;
  close(): void;
}

const embedRequestSchema = z.object({ type: z.literal('embed'), id: z.number().int(), texts: z.array(z.string()) });

/** One of the manager's examples: a message's text and the label they gave it. */
export const learnedExampleSchema = z.object({ text: z.string().min(1), label: labelSchema });
export type LearnedExample = z.infer<typeof learnedExampleSchema>;

/** Added beside `embed`: the head refitted on the manager's examples, embedded by this worker's own encoder. */
const refitRequestSchema = z.object({ type: z.literal('refit'), id: z.number().int(), head: z.unknown(), examples: z.array(learnedExampleSchema).min(1) });

const workerReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), encoderId: z.string(), dimensions: z.number().int().positive() }),
  z.object({ type: z.literal('load-failed'), message: z.string() }),
  z.object({ type: z.literal('embedded'), id: z.number().int(), embeddings: z.array(z.custom<Float32Array>((value) => value instanceof Float32Array)) }),
  z.object({ type: z.literal('embed-failed'), id: z.number().int(), message: z.string() }),
  z.object({ type: z.literal('refitted'), id: z.number().int(), head: z.unknown() }),
  z.object({ type: z.literal('refit-failed'), id: z.number().int(), message: z.string() }),
]);
type WorkerReply = z.infer<typeof workerReplySchema>;

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Refits `head` on the manager's examples: embeds them as classification does (embedMessages), then
 * adaptHead with the head's rehearsal rows. What a worker runs for a `refit` request, and what eval's --adapt
 * runs through one.
 */
export async function refitHeadOn(encoder: SentenceEncoder, head: ClassifierHead, examples: readonly LearnedExample[]): Promise<ClassifierHead> {
  const texts = examples.map((e) => e.text);
  const features = await embedMessages(encoder, texts);
  return adaptHead(head, { features, labels: examples.map((e) => LABELS.indexOf(e.label)), words: texts.map(messageWords) }, rehearsalFor(head));
}

/** The worker side: loads the encoder once, then answers embed (and refit) requests in the order they come. */
export function serveEncoder(load: () => Promise<SentenceEncoder>, channel: EncoderChannel): void {
  const reply = (message: WorkerReply) => channel.post(message);
  const encoder = load();
  encoder.then(
    ({ id, dimensions }) => reply({ type: 'ready', encoderId: id, dimensions }),
    (error: unknown) => reply({ type: 'load-failed', message: describe(error) }),
  );
  channel.listen({
    message: (data) => {
      const refit = refitRequestSchema.safeParse(data);
      if (refit.success) {
        const { id, head, examples } = refit.data;
        encoder
          .then((loaded) => refitHeadOn(loaded, headSchema.parse(head), examples))
          .then(
            (refitted) => reply({ type: 'refitted', id, head: refitted }),
            (error: unknown) => reply({ type: 'refit-failed', id, message: describe(error) }),
          );
        return;
      }
      const request = embedRequestSchema.safeParse(data);
      if (!request.success) return;
      const { id, texts } = request.data;
      encoder
        .then((loaded) => loaded.embed(texts))
        .then(
          (embeddings) => reply({ type: 'embedded', id, embeddings }),
          (error: unknown) => reply({ type: 'embed-failed', id, message: describe(error) }),
        );
    },
    failure: () => {},
  });
}

interface PoolMember {
  channel: EncoderChannel;
  /** Embeddings for an embed call, a head for a refit call. */
  pending: Map<number, { resolve(value: unknown): void; reject(error: Error): void }>;
  stopped?: string;
}

/** Marks a worker stopped (the first reason stands) and fails every call still waiting on it. */
function stopMember(member: PoolMember, reason: string): void {
  member.stopped ??= reason;
  for (const call of member.pending.values()) call.reject(new Error(`Classifier worker stopped: ${member.stopped}`));
  member.pending.clear();
}

/** A SentenceEncoder over workers, which can also refit a head in one of them. */
export interface EncoderPool extends SentenceEncoder {
  /** `head` refitted on `examples` in the least busy worker (see refitHeadOn); validated on its way back. */
  refitHead(head: ClassifierHead, examples: readonly LearnedExample[]): Promise<ClassifierHead>;
}

/**
 * A SentenceEncoder over workers that each serve one (see serveEncoder). Each embed call goes whole to the
 * least busy worker, so concurrent calls (embedMessages sends its batches together) run side by side.
 * Resolves once every worker has loaded its model; a worker that stops fails its calls with the reason.
 */
export async function createEncoderPool(channels: EncoderChannel[]): Promise<EncoderPool> {
  if (channels.length === 0) throw new Error('An encoder pool needs at least one worker');
  let nextId = 0;
  const members: PoolMember[] = [];

  const loaded = channels.map(
    (channel) =>
      new Promise<{ encoderId: string; dimensions: number }>((resolve, reject) => {
        const member: PoolMember = { channel, pending: new Map() };
        members.push(member);
        const stop = (reason: string) => {
          stopMember(member, reason);
          reject(new Error(`Classifier worker could not load the model: ${reason}`));
        };
        channel.listen({
          message: (data) => {
            const parsed = workerReplySchema.safeParse(data);
            if (!parsed.success) return;
            const reply = parsed.data;
            if (reply.type === 'ready') resolve(reply);
            else if (reply.type === 'load-failed') stop(reply.message);
            else {
              const call = member.pending.get(reply.id);
              member.pending.delete(reply.id);
              if (reply.type === 'embedded') call?.resolve(reply.embeddings);
              else if (reply.type === 'refitted') call?.resolve(reply.head);
              else call?.reject(new Error(reply.message));
            }
          },
          failure: stop,
        });
      }),
  );

  let ready: Array<{ encoderId: string; dimensions: number }>;
  try {
    ready = await Promise.all(loaded);
  } catch (error) {
    for (const member of members) member.channel.close();
    throw error;
  }
  const [{ encoderId, dimensions }] = ready as [(typeof ready)[number]];
  if (ready.some((worker) => worker.encoderId !== encoderId || worker.dimensions !== dimensions)) {
    for (const member of members) member.channel.close();
    throw new Error('Classifier workers loaded different encoders');
  }

  /** Sends one request to the least busy running worker; resolves with its reply's payload. */
  const call = (request: { type: 'embed'; texts: string[] } | { type: 'refit'; head: ClassifierHead; examples: LearnedExample[] }) => {
    const running = members.filter((member) => member.stopped === undefined);
    if (running.length === 0) return Promise.reject(new Error(`Classifier worker stopped: ${members[0]!.stopped}`));
    const member = running.reduce((idlest, candidate) => (candidate.pending.size < idlest.pending.size ? candidate : idlest));
    const id = nextId++;
    return new Promise<unknown>((resolve, reject) => {
      member.pending.set(id, { resolve, reject });
      member.channel.post({ ...request, id });
    });
  };

  return {
    id: encoderId,
    dimensions,
    embed(texts) {
      if (texts.length === 0) return Promise.resolve([]);
      return call({ type: 'embed', texts }) as Promise<Float32Array[]>;
    },
    async refitHead(head, examples) {
      return headSchema.parse(await call({ type: 'refit', head, examples: [...examples] }));
    },
    close() {
      for (const member of members) {
        stopMember(member, 'the encoder was closed');
        member.channel.close();
      }
    },
  };
}

/** A dedicated Worker, seen from the page that started it. */
export function workerChannel(worker: Worker): EncoderChannel {
  return {
    post: (message) => worker.postMessage(message),
    listen: ({ message, failure }) => {
      worker.addEventListener('message', (event) => message(event.data));
      worker.addEventListener('error', (event) => failure(event.message || 'the worker script failed to run'));
      worker.addEventListener('messageerror', () => failure('a reply could not be read'));
    },
    close: () => worker.terminate(),
  };
}

/** The parts of a dedicated worker's global scope that its end of the channel uses. */
export interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

/** A dedicated worker's own end, inside the worker. */
export function workerScopeChannel(scope: WorkerScope): EncoderChannel {
  return {
    post: (message) => scope.postMessage(message),
    listen: ({ message }) => scope.addEventListener('message', (event) => message(event.data)),
    close: () => scope.close(),
  };
}
