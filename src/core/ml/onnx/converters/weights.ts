/** Weight reshuffles between tfjs and ONNX layouts. */

/** Transposes a row-major array of shape `shape` by `perm` (output dim i = input dim perm[i]). */
export function permute(data: Float32Array, shape: number[], perm: number[]): { data: Float32Array; shape: number[] } {
  const r = shape.length;
  const outShape = perm.map((p) => shape[p]);
  const inStride = new Array<number>(r);
  for (let i = r - 1, s = 1; i >= 0; i--) {
    inStride[i] = s;
    s *= shape[i];
  }
  const stride = perm.map((p) => inStride[p]);
  const out = new Float32Array(data.length);
  const idx = new Array<number>(r).fill(0);
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    for (let i = 0; i < r; i++) src += idx[i] * stride[i];
    out[o] = data[src];
    for (let i = r - 1; i >= 0; i--) {
      if (++idx[i] < outShape[i]) break;
      idx[i] = 0;
    }
  }
  return { data: out, shape: outShape };
}

/**
 * Reorders the gate blocks along the last axis of a [rows, nGates·units] (or [nGates·units]) tfjs weight:
 * output block k is input block order[k].
 */
export function reorderGates(data: Float32Array, rows: number, units: number, order: number[]): Float32Array {
  const nG = order.length;
  const out = new Float32Array(data.length);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < nG; k++) {
      const src = r * nG * units + order[k] * units;
      out.set(data.subarray(src, src + units), r * nG * units + k * units);
    }
  }
  return out;
}
