// @energetic-ai/core's typings re-export @tensorflow/* typings that the package does not ship, so its
// TF.js surface types as nothing. These declare the few members the classifier uses.
import '@energetic-ai/core';

declare module '@energetic-ai/core' {
  export interface Tensor {
    data(): Promise<Float32Array | Int32Array | Uint8Array>;
    dispose(): void;
  }
  export interface GraphModel {
    executeAsync(inputs: Record<string, Tensor>): Promise<Tensor | Tensor[]>;
  }
  export function ready(): Promise<void>;
  export function tensor1d(values: number[], dtype: 'int32' | 'float32'): Tensor;
  export function tensor2d(values: number[], shape: [number, number], dtype: 'int32' | 'float32'): Tensor;
  export function loadGraphModel(source: unknown): Promise<GraphModel>;
  export function setWasmPaths(prefixOrFileMap: string | Record<string, string>, usePlatformFetch?: boolean): void;
  export function memory(): { numBytes: number; numTensors: number };
}
