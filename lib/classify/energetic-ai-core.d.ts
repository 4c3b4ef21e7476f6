// @energetic-ai/core's typings re-export @tensorflow/* typings that the package does not ship, so its
// TF.js surface types as nothing. These declare the few members the classifier uses.
import '@energetic-ai/core';

declare module '@energetic-ai/core' {
  type Rank = number;
  export interface Tensor {
    shape: number[];
    data(): Promise<Float32Array | Int32Array | Uint8Array>;
    dataSync(): Float32Array | Int32Array | Uint8Array;
    dispose(): void;
  }
  export interface GraphModel {
    weights: Record<string, Tensor[]>;
    executeAsync(inputs: Record<string, Tensor>): Promise<Tensor | Tensor[]>;
  }
  export function ready(): Promise<void>;
  export function tidy<T extends Tensor>(fn: () => T): T;
  export function tensor1d(values: number[], dtype: 'int32' | 'float32'): Tensor;
  export function tensor2d(values: number[] | Float32Array, shape: [number, number], dtype?: 'int32' | 'float32'): Tensor;
  export function tensor4d(values: Float32Array, shape: [number, number, number, number]): Tensor;
  export function reshape(x: Tensor, shape: number[]): Tensor;
  export function transpose(x: Tensor, perm: number[]): Tensor;
  export function split(x: Tensor, parts: number, axis: Rank): Tensor[];
  export function add(a: Tensor, b: Tensor | number): Tensor;
  export function sub(a: Tensor, b: Tensor): Tensor;
  export function mul(a: Tensor, b: Tensor | number): Tensor;
  export function maximum(a: Tensor, b: Tensor | number): Tensor;
  export function mean(x: Tensor, axis: Rank, keepDims: boolean): Tensor;
  export function sum(x: Tensor, axis: Rank, keepDims: boolean): Tensor;
  export function square(x: Tensor): Tensor;
  export function rsqrt(x: Tensor): Tensor;
  export function tanh(x: Tensor): Tensor;
  export function softmax(x: Tensor): Tensor;
  export function matMul(a: Tensor, b: Tensor, transposeA?: boolean, transposeB?: boolean): Tensor;
  export const fused: {
    matMul(args: { a: Tensor; b: Tensor; bias?: Tensor; activation?: 'relu' | 'linear' }): Tensor;
  };
  export function loadGraphModel(source: unknown): Promise<GraphModel>;
  export function setWasmPaths(prefixOrFileMap: string | Record<string, string>, usePlatformFetch?: boolean): void;
  export function memory(): { numBytes: number; numTensors: number };
}
