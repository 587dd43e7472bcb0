/**
 * WFDB writer: a header (.hea) and one format-16 signal file (.dat) holding all signals, frame-interleaved.
 * Header syntax per https://physionet.org/physiotools/wag/header-5.htm:
 *   record line:  NAME NSIG FS NSAMP
 *   signal lines: NAME.dat 16 GAIN(0)/mV 16 0 INITVAL CHECKSUM 0 LEADNAME
 * Samples are round(mV × gain) as little-endian 16-bit two's complement, clamped to ±32767; NaN is written as
 * −32768, the WFDB invalid-sample value of format 16. CHECKSUM is the 16-bit (signed) sum of the stored samples.
 */

export interface WfdbWriteOptions {
  /** ADC units per mV (default 1000: 1 µV resolution, range ±32.767 mV). */
  gain?: number;
  /** Lines written after the signal lines as "# line". */
  comments?: string[];
}

const NAME_RE = /^[A-Za-z0-9_.-]+$/;

export function writeWfdb(name: string, fs: number, signals: Float32Array[], sigNames: string[], opts: WfdbWriteOptions = {}): { hea: string; dat: Uint8Array } {
  const gain = opts.gain ?? 1000;
  if (!NAME_RE.test(name)) throw new Error(`writeWfdb: record name "${name}" may only contain letters, digits, _ . -`);
  if (!(fs > 0) || !Number.isFinite(fs)) throw new Error(`writeWfdb: fs must be a positive number, got ${fs}`);
  if (!(gain > 0) || !Number.isFinite(gain)) throw new Error(`writeWfdb: gain must be a positive number, got ${gain}`);
  if (signals.length === 0) throw new Error('writeWfdb: at least one signal is needed');
  if (sigNames.length !== signals.length) throw new Error(`writeWfdb: ${signals.length} signals but ${sigNames.length} names`);
  const nSamp = signals[0].length;
  for (const s of signals) if (s.length !== nSamp) throw new Error('writeWfdb: all signals must have the same length');
  for (const s of sigNames) if (/[\r\n]/.test(s) || s.trim() === '') throw new Error(`writeWfdb: invalid signal name "${s}"`);

  const nSig = signals.length;
  const dat = new Uint8Array(nSig * nSamp * 2);
  const view = new DataView(dat.buffer);
  const sums = new Int32Array(nSig);
  const init = new Int32Array(nSig);
  for (let s = 0; s < nSig; s++) {
    const sig = signals[s];
    let sum = 0;
    for (let t = 0; t < nSamp; t++) {
      const v = sig[t];
      let d: number;
      if (Number.isNaN(v)) d = -32768;
      else {
        d = Math.round(v * gain);
        if (d > 32767) d = 32767;
        else if (d < -32767) d = -32767;
      }
      if (t === 0) init[s] = d;
      sum = (sum + d) | 0;
      view.setInt16((t * nSig + s) * 2, d, true);
    }
    sums[s] = (sum << 16) >> 16; // 16-bit signed
  }
  const file = `${name}.dat`;
  const fsText = Number.isInteger(fs) ? String(fs) : String(Number(fs.toPrecision(12)));
  const gainText = Number.isInteger(gain) ? String(gain) : String(Number(gain.toPrecision(12)));
  const lines = [`${name} ${nSig} ${fsText} ${nSamp}`];
  for (let s = 0; s < nSig; s++) lines.push(`${file} 16 ${gainText}(0)/mV 16 0 ${init[s]} ${sums[s]} 0 ${sigNames[s]}`);
  for (const c of opts.comments ?? []) lines.push(`# ${c.replace(/[\r\n]+/g, ' ')}`);
  return { hea: lines.join('\n') + '\n', dat };
}
