/**
 * EDF / EDF+ reader (continuous recordings; EDF+D read as if continuous, with a warning).
 * The "EDF Annotations" signal is parsed into annotations (onset → sample, text → aux), not returned as a lead.
 * Signals at lower rates than the highest one are resampled (windowed sinc) to it.
 * Spec: https://www.edfplus.info/specs/edf.html
 */
import type { Annotation, Recording } from './recording';
import { canonicalLeadName, isOtherSignal } from './leadNames';
import { FormatError, MAX_TOTAL_SAMPLES, stemOf } from './errors';
import { resample } from '../signal/dsp/resample';

const ascii = (b: Uint8Array, off: number, len: number) => {
  let s = '';
  for (let i = 0; i < len; i++) s += String.fromCharCode(b[off + i]);
  return s.trim();
};

/** A header value quoted in an error message: non-printable bytes shown as \xNN, at most 24 characters. */
const quoted = (s: string) => {
  const clean = s.replace(/[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return clean.length > 24 ? `${clean.slice(0, 24)}…` : clean;
};

export function readEdf(data: Uint8Array, file = 'record.edf'): Recording {
  if (data.length < 256) throw new FormatError(file, 'truncated', `EDF header needs 256 bytes, file has ${data.length}`);
  const version = ascii(data, 0, 8);
  if (version !== '0') throw new FormatError(file, 'unknown-format', `not an EDF file (version field "${quoted(version)}")`);
  const num = (off: number, len: number, field: string) => {
    const s = ascii(data, off, len);
    const v = Number(s);
    if (s === '' || !Number.isFinite(v)) throw new FormatError(file, 'bad-edf', `header field ${field} "${quoted(s)}" is not a number`);
    return v;
  };
  const headerBytes = num(184, 8, 'header bytes');
  const reserved = ascii(data, 192, 44);
  let nRecords = num(236, 8, 'number of data records');
  const duration = num(244, 8, 'data record duration');
  const ns = num(252, 4, 'number of signals');
  if (!Number.isInteger(ns) || ns < 1 || ns > 4096) throw new FormatError(file, 'bad-edf', `number of signals ${ns} invalid`);
  if (headerBytes !== 256 * (ns + 1)) throw new FormatError(file, 'bad-edf', `header size ${headerBytes} does not match ${ns} signals`);
  if (data.length < headerBytes) throw new FormatError(file, 'truncated', `EDF header needs ${headerBytes} bytes, file has ${data.length}`);
  let p = 256;
  const field = (len: number) => {
    const v: string[] = [];
    for (let i = 0; i < ns; i++, p += len) v.push(ascii(data, p, len));
    return v;
  };
  const labels = field(16);
  field(80); // transducer
  const dims = field(8);
  const pmin = field(8).map(Number), pmax = field(8).map(Number), dmin = field(8).map(Number), dmax = field(8).map(Number);
  field(80); // prefiltering
  const spr = field(8).map(Number);
  for (let i = 0; i < ns; i++) {
    if (!Number.isInteger(spr[i]) || spr[i] < 1) throw new FormatError(file, 'bad-edf', `signal ${i + 1}: samples per record "${spr[i]}" invalid`);
    if (![pmin[i], pmax[i], dmin[i], dmax[i]].every(Number.isFinite) || dmax[i] === dmin[i]) {
      throw new FormatError(file, 'bad-edf', `signal ${i + 1} (${labels[i]}): invalid physical/digital range`);
    }
  }
  if (!(duration > 0)) throw new FormatError(file, 'unsupported', `data record duration ${duration} s is not supported`);
  const recBytes = spr.reduce((a, b) => a + b, 0) * 2;
  const availRecords = Math.floor((data.length - headerBytes) / recBytes);
  const warnings: string[] = [];
  if (nRecords === -1) nRecords = availRecords;
  if (!Number.isInteger(nRecords) || nRecords < 0) throw new FormatError(file, 'bad-edf', `number of data records ${nRecords} invalid`);
  if (nRecords > availRecords) {
    throw new FormatError(file, 'truncated', `file is shorter than the header says by ${nRecords * recBytes + headerBytes - data.length} bytes`);
  }
  if (reserved.startsWith('EDF+D')) warnings.push('EDF+D (discontinuous) read as continuous');
  const isAnn = labels.map((l) => l === 'EDF Annotations');
  const ordinary = labels.map((_, i) => i).filter((i) => !isAnn[i]);
  if (!ordinary.length) throw new FormatError(file, 'bad-edf', 'no ordinary signals (only annotations)');
  // Sleep and monitoring EDFs hold EEG, EOG, respiration … beside their ECG: only the ECG leads are read.
  const ecg = ordinary.filter((i) => !isOtherSignal(labels[i]));
  const sigIdx = ecg.length ? ecg : ordinary;
  if (sigIdx.length < ordinary.length) warnings.push(`left out ${ordinary.length - sigIdx.length} signal(s) that are no ECG lead: ${ordinary.filter((i) => !sigIdx.includes(i)).map((i) => labels[i]).join(', ')}`);
  const maxSpr = Math.max(...sigIdx.map((i) => spr[i]));
  const nSamples = nRecords * maxSpr;
  if (nSamples * sigIdx.length > MAX_TOTAL_SAMPLES) throw new FormatError(file, 'too-large', 'too many samples');
  const raw = sigIdx.map((i) => new Float32Array(nRecords * spr[i]));
  const annotations: Annotation[] = [];
  const fs = maxSpr / duration;
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let off = headerBytes;
  for (let r = 0; r < nRecords; r++) {
    for (let i = 0; i < ns; i++) {
      if (isAnn[i]) {
        parseTal(data.subarray(off, off + 2 * spr[i]), fs, annotations);
        off += 2 * spr[i];
        continue;
      }
      const k = sigIdx.indexOf(i);
      if (k < 0) {
        off += 2 * spr[i]; // a signal left out
        continue;
      }
      const scale = (pmax[i] - pmin[i]) / (dmax[i] - dmin[i]);
      const arr = raw[k];
      const base = r * spr[i];
      for (let j = 0; j < spr[i]; j++, off += 2) arr[base + j] = (dv.getInt16(off, true) - dmin[i]) * scale + pmin[i];
    }
  }
  const signals = raw.map((s, k) => (spr[sigIdx[k]] === maxSpr ? s : resample(s, spr[sigIdx[k]] / duration, fs).subarray(0, nSamples)));
  const units = sigIdx.map((i) => dims[i] || 'mV');
  // Convert µV / V to the label's units as given; keep the header's physical dimension.
  const rec: Recording = {
    name: stemOf(file),
    fs,
    nSamples,
    sigNames: sigIdx.map((i) => canonicalLeadName(labels[i])),
    units,
    signals,
    nanCount: 0,
    comments: [ascii(data, 8, 80), ascii(data, 88, 80)].filter(Boolean),
  };
  if (annotations.length) rec.annotations = annotations;
  if (warnings.length) rec.warnings = warnings;
  return rec;
}

/** EDF+ time-stamped annotation lists: +onset[\x15duration]\x14text\x14...\x00 */
function parseTal(b: Uint8Array, fs: number, out: Annotation[]): void {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  for (const tal of s.split('\0')) {
    if (!tal) continue;
    const parts = tal.split('\x14');
    const onset = parseFloat(parts[0].split('\x15')[0]);
    if (!Number.isFinite(onset)) continue;
    for (const text of parts.slice(1)) if (text) out.push({ sample: Math.round(onset * fs), symbol: '"', aux: text });
  }
}
