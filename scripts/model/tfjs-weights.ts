import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** One weight of a TF.js graph model, read straight from its shards. */
export interface RawWeight {
  shape: number[];
  data: Float32Array | Int32Array;
}

const manifestSchema = z.object({
  weightsManifest: z.array(
    z.object({
      paths: z.array(z.string()),
      weights: z.array(z.object({ name: z.string(), shape: z.array(z.number().int().nonnegative()), dtype: z.enum(['float32', 'int32']) })),
    }),
  ),
});

/**
 * The weights of a TF.js graph model (model.json and its shards in `dir`), by name. A TF.js weights group is
 * its shards concatenated, holding its weights back to back in manifest order, 4 bytes an element.
 */
export function readTfjsWeights(dir: string): Map<string, RawWeight> {
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')));
  const weights = new Map<string, RawWeight>();
  for (const group of manifest.weightsManifest) {
    const bytes = Buffer.concat(group.paths.map((path) => readFileSync(join(dir, path))));
    let offset = 0;
    for (const { name, shape, dtype } of group.weights) {
      const count = shape.reduce((a, b) => a * b, 1);
      if (offset + count * 4 > bytes.length) throw new Error(`${dir}: weight ${name} runs past the end of its shards`);
      // Copied out so that each array is aligned and owns its memory.
      const slice = bytes.subarray(offset, offset + count * 4);
      const buffer = slice.buffer.slice(slice.byteOffset, slice.byteOffset + slice.byteLength);
      weights.set(name, { shape, data: dtype === 'float32' ? new Float32Array(buffer) : new Int32Array(buffer) });
      offset += count * 4;
    }
    if (offset !== bytes.length) throw new Error(`${dir}: shards hold ${bytes.length - offset} bytes no weight claims`);
  }
  return weights;
}
