/**
 * WFDB signal file decoding (formats 8, 16, 24, 32, 61, 80, 160, 212, 310, 311; byte offsets, samples per
 * frame, skew; several signal files per record) and conversion to physical units:
 * physical = (digital − baseline) / gain, invalid-sample markers → NaN.
 */
import { FormatError, MAX_TOTAL_SAMPLES } from '../errors';
import type { WfdbHeader, WfdbSignalSpec } from './header';

/** Digital value WFDB uses to mark an invalid sample, per format. */
export function invalidMarker(format: number): number | undefined {
  switch (format) {
    case 16:
    case 61:
    case 160:
      return -32768;
    case 212:
      return -2048;
    case 80:
      return -128;
    case 310:
    case 311:
      return -512;
    case 24:
      return -8388608;
    case 32:
      return -2147483648;
    default:
      return undefined;
  }
}

/** Number of samples that fit in `bytes` bytes. */
function samplesIn(format: number, bytes: number): number {
  switch (format) {
    case 8:
    case 80:
      return bytes;
    case 16:
    case 61:
    case 160:
      return Math.floor(bytes / 2);
    case 24:
      return Math.floor(bytes / 3);
    case 32:
      return Math.floor(bytes / 4);
    case 212:
      return Math.floor((bytes * 2) / 3);
    case 310:
    case 311: {
      const full = Math.floor(bytes / 4) * 3;
      const rem = bytes % 4;
      return full + (rem >= 2 ? 1 : 0) + (format === 311 && rem >= 3 ? 1 : 0);
    }
    default:
      return 0;
  }
}

/** Bytes needed to store `n` samples. */
export function bytesFor(format: number, n: number): number {
  switch (format) {
    case 8:
    case 80:
      return n;
    case 16:
    case 61:
    case 160:
      return 2 * n;
    case 24:
      return 3 * n;
    case 32:
      return 4 * n;
    case 212:
      return Math.ceil((3 * n) / 2);
    case 310:
    case 311:
      return Math.floor(n / 3) * 4 + (n % 3 === 0 ? 0 : n % 3 === 1 ? 2 : format === 310 ? 4 : 3);
    default:
      return 0;
  }
}

/** Decodes `n` consecutive samples of one format from `b` starting at byte `off` (stream order). */
export function decodeSamples(format: number, b: Uint8Array, off: number, n: number, out: Int32Array): void {
  const end = b.length;
  const u8 = (i: number) => (i < end ? b[i] : 0);
  switch (format) {
    case 16:
      for (let i = 0, p = off; i < n; i++, p += 2) out[i] = ((b[p] | (b[p + 1] << 8)) << 16) >> 16;
      return;
    case 61:
      for (let i = 0, p = off; i < n; i++, p += 2) out[i] = ((b[p + 1] | (b[p] << 8)) << 16) >> 16;
      return;
    case 160:
      for (let i = 0, p = off; i < n; i++, p += 2) out[i] = (b[p] | (b[p + 1] << 8)) - 32768;
      return;
    case 80:
      for (let i = 0; i < n; i++) out[i] = b[off + i] - 128;
      return;
    case 8:
      for (let i = 0; i < n; i++) out[i] = (b[off + i] << 24) >> 24; // first differences; integrated later
      return;
    case 24:
      for (let i = 0, p = off; i < n; i++, p += 3) out[i] = ((b[p] | (b[p + 1] << 8) | (b[p + 2] << 16)) << 8) >> 8;
      return;
    case 32:
      for (let i = 0, p = off; i < n; i++, p += 4) out[i] = b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24);
      return;
    case 212:
      for (let i = 0, p = off; i < n; i += 2, p += 3) {
        const b0 = u8(p), b1 = u8(p + 1), b2 = u8(p + 2);
        out[i] = ((b0 | ((b1 & 0x0f) << 8)) << 20) >> 20;
        if (i + 1 < n) out[i + 1] = ((b2 | ((b1 & 0xf0) << 4)) << 20) >> 20;
      }
      return;
    case 310:
      for (let i = 0, p = off; i < n; i += 3, p += 4) {
        const w0 = u8(p) | (u8(p + 1) << 8);
        const w1 = u8(p + 2) | (u8(p + 3) << 8);
        out[i] = (((w0 >> 1) & 0x3ff) << 22) >> 22;
        if (i + 1 < n) out[i + 1] = (((w1 >> 1) & 0x3ff) << 22) >> 22;
        if (i + 2 < n) out[i + 2] = ((((w0 >> 11) & 0x1f) | (((w1 >> 11) & 0x1f) << 5)) << 22) >> 22;
      }
      return;
    case 311:
      for (let i = 0, p = off; i < n; i += 3, p += 4) {
        const w = (u8(p) | (u8(p + 1) << 8) | (u8(p + 2) << 16) | (u8(p + 3) << 24)) >>> 0;
        out[i] = ((w & 0x3ff) << 22) >> 22;
        if (i + 1 < n) out[i + 1] = (((w >>> 10) & 0x3ff) << 22) >> 22;
        if (i + 2 < n) out[i + 2] = (((w >>> 20) & 0x3ff) << 22) >> 22;
      }
      return;
    default:
      throw new Error(`format ${format} not decodable`);
  }
}

export interface WfdbSignalResult {
  nSamples: number;
  /** Physical values per signal, Float32, NaN where the digital value was the invalid marker. */
  signals: Float32Array[];
  /** Digital values per signal (one per frame; averaged when samples per frame > 1). */
  digital: Int32Array[];
  nanCount: number;
  warnings: string[];
}

export type SignalFileLookup = (fileName: string) => Uint8Array | undefined;

/**
 * Reads all signals of a record. `lookup` returns the bytes of a signal file named in the header.
 * Errors: missing-signal-file, truncated (with the number of missing bytes), too-large.
 */
export function readWfdbSignals(header: WfdbHeader, lookup: SignalFileLookup, headerFile = `${header.name}.hea`): WfdbSignalResult {
  const groups = new Map<string, number[]>();
  header.signals.forEach((s, i) => {
    if (s.format === 0 || s.fileName === '~') return;
    const g = groups.get(s.fileName);
    if (g) g.push(i);
    else groups.set(s.fileName, [i]);
  });

  // Pass 1: check sizes and decide the number of frames before allocating anything.
  let nSamples = header.nSamples;
  const plans: { file: string; data: Uint8Array; sigs: number[]; format: number; frameSamples: number; offset: number; frames: number }[] = [];
  for (const [file, sigs] of groups) {
    const data = lookup(file);
    if (!data) throw new FormatError(headerFile, 'missing-signal-file', `signal file "${file}" not found`);
    const specs = sigs.map((i) => header.signals[i]);
    const format = specs[0].format;
    if (specs.some((s) => s.format !== format)) throw new FormatError(headerFile, 'bad-signal-spec', `signals in "${file}" use different formats`);
    const offset = specs[0].byteOffset;
    const frameSamples = specs.reduce((a, s) => a + s.samplesPerFrame, 0);
    const avail = Math.max(0, data.length - offset);
    const framesAvail = Math.floor(samplesIn(format, avail) / frameSamples);
    if (nSamples !== undefined) {
      const need = bytesFor(format, nSamples * frameSamples);
      if (need > avail) {
        throw new FormatError(file, 'truncated', `signal file is shorter than the header says by ${need - avail} bytes (needs ${need + offset}, has ${data.length})`);
      }
    }
    plans.push({ file, data, sigs, format, frameSamples, offset, frames: framesAvail });
  }
  if (nSamples === undefined) nSamples = plans.length ? Math.min(...plans.map((p) => p.frames)) : 0;
  if (nSamples * header.nSig > MAX_TOTAL_SAMPLES) {
    throw new FormatError(headerFile, 'too-large', `${nSamples} samples × ${header.nSig} signals exceeds the limit of ${MAX_TOTAL_SAMPLES} samples`);
  }

  const signals: Float32Array[] = header.signals.map(() => new Float32Array(nSamples));
  const digital: Int32Array[] = header.signals.map(() => new Int32Array(nSamples));
  let nanCount = 0;
  const warnings: string[] = [];
  for (const s of header.signals) if (s.format === 0 || s.fileName === '~') nanCount += nSamples;
  header.signals.forEach((s, i) => {
    if (s.format === 0 || s.fileName === '~') signals[i].fill(NaN);
  });

  const CHUNK = 98304; // frames per decode chunk (multiple of 2 and 3: whole 212/310/311 groups)
  for (const p of plans) {
    const specs = p.sigs.map((i) => header.signals[i]);
    const invalid = invalidMarker(p.format);
    const maxSkew = Math.max(...specs.map((s) => s.skew));
    const framesToRead = Math.min(nSamples + maxSkew, p.frames);
    const prev = specs.map((s) => s.initValue); // format 8 integration state
    const sumsCk = new Float64Array(specs.length);
    const buf = new Int32Array(Math.min(CHUNK, Math.max(1, framesToRead)) * p.frameSamples);
    for (let f0 = 0; f0 < framesToRead; f0 += CHUNK) {
      const nf = Math.min(CHUNK, framesToRead - f0);
      const firstSample = f0 * p.frameSamples;
      let byteOff: number;
      // Packed formats: chunk sizes are multiples of the packing group.
      if (p.format === 212) byteOff = (firstSample / 2) * 3;
      else if (p.format === 310 || p.format === 311) byteOff = (firstSample / 3) * 4;
      else byteOff = bytesFor(p.format, firstSample);
      decodeSamples(p.format, p.data, p.offset + byteOff, nf * p.frameSamples, buf);
      let k = 0;
      for (let f = 0; f < nf; f++) {
        for (let j = 0; j < specs.length; j++) {
          const spf = specs[j].samplesPerFrame;
          let acc = 0;
          let bad = false;
          for (let m = 0; m < spf; m++) {
            let v = buf[k++];
            if (p.format === 8) {
              v = prev[j] + v;
              prev[j] = v;
            } else if (v === invalid) bad = true;
            acc += v;
            sumsCk[j] += v;
          }
          const t = f0 + f - specs[j].skew;
          if (t < 0 || t >= nSamples) continue;
          const sig = p.sigs[j];
          if (bad) {
            digital[sig][t] = invalid!;
            signals[sig][t] = NaN;
            nanCount++;
          } else {
            const d = spf === 1 ? acc : acc / spf;
            digital[sig][t] = Math.round(d);
            signals[sig][t] = (d - specs[j].baseline) / specs[j].gain;
          }
        }
      }
    }
    // Skewed signals past the end of the file: invalid.
    p.sigs.forEach((sig, j) => {
      for (let t = Math.max(0, framesToRead - specs[j].skew); t < nSamples; t++) {
        signals[sig][t] = NaN;
        nanCount++;
      }
    });
    // Checksums (16-bit sum of all samples) when the whole signal was read.
    if (framesToRead === nSamples && maxSkew === 0) {
      specs.forEach((s, j) => {
        if (s.checksum === undefined) return;
        const ck = ((((sumsCk[j] % 65536) + 65536) % 65536) << 16) >> 16;
        const want = (s.checksum << 16) >> 16;
        if (ck !== want) warnings.push(`signal ${p.sigs[j] + 1} (${s.description || s.fileName}): checksum ${ck} differs from header ${s.checksum}`);
      });
    }
  }
  return { nSamples, signals, digital, nanCount, warnings };
}

export function specLabel(s: WfdbSignalSpec, i: number): string {
  return s.description || `sig${i + 1}`;
}
