/**
 * WFDB header (.hea) parser: record line, signal specification lines, comment lines.
 * Spec: https://physionet.org/physiotools/wag/header-5.htm
 */
import { FormatError, decodeText } from '../errors';

export interface WfdbSignalSpec {
  fileName: string;
  format: number;
  samplesPerFrame: number;
  skew: number;
  byteOffset: number;
  /** ADC units per physical unit; a header gain of 0 (uncalibrated) becomes the WFDB default 200. */
  gain: number;
  /** True when the header's gain was 0 or absent (default 200 used). */
  gainDefaulted: boolean;
  baseline: number;
  units: string;
  adcRes: number;
  adcZero: number;
  initValue: number;
  checksum?: number;
  blockSize: number;
  description: string;
}

export interface WfdbHeader {
  name: string;
  nSegments?: number;
  nSig: number;
  /** Sampling (frame) frequency in Hz. */
  fs: number;
  counterFreq?: number;
  baseCounter?: number;
  /** Samples per signal; undefined when the header leaves it out (inferred from the signal file). */
  nSamples?: number;
  baseTime?: string;
  baseDate?: string;
  signals: WfdbSignalSpec[];
  comments: string[];
}

export const DEFAULT_FS = 250;
export const DEFAULT_GAIN = 200;
const MAX_SIGNALS = 4096;

const NUM = '[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?';
const FS_RE = new RegExp(`^(${NUM})(?:/(${NUM})(?:\\((${NUM})\\))?)?$`);
const FMT_RE = /^(\d+)(?:x(\d+))?(?::(\d+))?(?:\+(\d+))?$/;
const GAIN_RE = new RegExp(`^(${NUM})(?:\\((${NUM})\\))?(?:/(.+))?$`);
const INT_RE = /^[-+]?\d+$/;

const SUPPORTED_FORMATS = new Set([0, 8, 16, 24, 32, 61, 80, 160, 212, 310, 311]);

function int(file: string, lineNo: number, field: string, tok: string): number {
  if (!INT_RE.test(tok)) throw new FormatError(file, 'bad-header', `line ${lineNo}: ${field} "${tok}" is not an integer`);
  return parseInt(tok, 10);
}

/** Parses the text of a WFDB header. `file` names the header in errors. */
export function readWfdbHeader(data: Uint8Array | string, file = 'header.hea'): WfdbHeader {
  const text = typeof data === 'string' ? data : decodeText(data);
  if (text.includes('\0')) throw new FormatError(file, 'bad-header', 'binary data in a header file');
  const lines = text.split(/\r\n|\r|\n/);
  const comments: string[] = [];
  const content: { no: number; text: string }[] = [];
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    if (line.startsWith('#')) comments.push(line.replace(/^#\s?/, '').trimEnd());
    else content.push({ no: i + 1, text: line });
  });
  if (content.length === 0) throw new FormatError(file, 'bad-header', 'no record line');

  const rec = content[0];
  const t = rec.text.split(/\s+/);
  const nameTok = t[0];
  const slash = nameTok.indexOf('/');
  const name = slash < 0 ? nameTok : nameTok.slice(0, slash);
  let nSegments: number | undefined;
  if (slash >= 0) nSegments = int(file, rec.no, 'number of segments', nameTok.slice(slash + 1));
  if (t.length < 2) throw new FormatError(file, 'bad-header', `line ${rec.no}: record line lacks the number of signals`);
  const nSig = int(file, rec.no, 'number of signals (field 2)', t[1]);
  if (nSig < 0 || nSig > MAX_SIGNALS) throw new FormatError(file, 'bad-header', `line ${rec.no}: number of signals ${nSig} out of range`);
  let fs = DEFAULT_FS;
  let counterFreq: number | undefined;
  let baseCounter: number | undefined;
  if (t[2] !== undefined) {
    const m = FS_RE.exec(t[2]);
    if (!m) throw new FormatError(file, 'bad-header', `line ${rec.no}: sampling frequency (field 3) "${t[2]}" invalid`);
    fs = parseFloat(m[1]);
    if (m[2] !== undefined) counterFreq = parseFloat(m[2]);
    if (m[3] !== undefined) baseCounter = parseFloat(m[3]);
    if (!(fs > 0) || !Number.isFinite(fs)) throw new FormatError(file, 'bad-header', `line ${rec.no}: sampling frequency ${t[2]} must be positive`);
  }
  let nSamples: number | undefined;
  if (t[3] !== undefined) {
    nSamples = int(file, rec.no, 'number of samples (field 4)', t[3]);
    if (nSamples < 0) throw new FormatError(file, 'bad-header', `line ${rec.no}: negative number of samples`);
    if (nSamples === 0) nSamples = undefined;
  }
  const baseTime = t[4];
  const baseDate = t[5];

  if (nSegments !== undefined) {
    throw new FormatError(file, 'unsupported', `multi-segment records (${nSegments} segments) are not supported; read the segments separately`);
  }
  if (content.length - 1 < nSig) {
    throw new FormatError(file, 'bad-header', `header declares ${nSig} signals but has ${content.length - 1} signal lines`);
  }

  const signals: WfdbSignalSpec[] = [];
  for (let s = 0; s < nSig; s++) {
    const { no, text: line } = content[1 + s];
    const tok = line.split(/\s+/);
    if (tok.length < 2) throw new FormatError(file, 'bad-signal-spec', `line ${no}: signal ${s + 1} lacks a format`);
    const fm = FMT_RE.exec(tok[1]);
    if (!fm) throw new FormatError(file, 'bad-signal-spec', `line ${no}: format (field 2) "${tok[1]}" invalid`);
    const format = parseInt(fm[1], 10);
    if (!SUPPORTED_FORMATS.has(format)) throw new FormatError(file, 'unsupported', `line ${no}: signal format ${format} is not supported`);
    const samplesPerFrame = fm[2] ? parseInt(fm[2], 10) : 1;
    if (samplesPerFrame < 1 || samplesPerFrame > 4096) throw new FormatError(file, 'bad-signal-spec', `line ${no}: samples per frame ${fm[2]} out of range`);
    const skew = fm[3] ? parseInt(fm[3], 10) : 0;
    const byteOffset = fm[4] ? parseInt(fm[4], 10) : 0;

    let gain = 0;
    let baseline: number | undefined;
    let units = 'mV';
    if (tok[2] !== undefined) {
      const gm = GAIN_RE.exec(tok[2]);
      if (!gm) throw new FormatError(file, 'bad-signal-spec', `line ${no}: ADC gain (field 3) "${tok[2]}" invalid`);
      gain = parseFloat(gm[1]);
      if (gm[2] !== undefined) {
        baseline = parseFloat(gm[2]);
        if (!Number.isInteger(baseline)) throw new FormatError(file, 'bad-signal-spec', `line ${no}: baseline "${gm[2]}" is not an integer`);
      }
      if (gm[3] !== undefined) units = gm[3];
    }
    const gainDefaulted = gain === 0;
    if (gainDefaulted) gain = DEFAULT_GAIN;
    if (!Number.isFinite(gain)) throw new FormatError(file, 'bad-signal-spec', `line ${no}: ADC gain "${tok[2]}" invalid`);
    const defaultRes = format === 212 ? 12 : format === 310 || format === 311 ? 10 : format === 8 || format === 80 ? 8 : format === 24 ? 24 : format === 32 ? 32 : 16;
    const adcRes = tok[3] !== undefined ? int(file, no, 'ADC resolution (field 4)', tok[3]) || defaultRes : defaultRes;
    const adcZero = tok[4] !== undefined ? int(file, no, 'ADC zero (field 5)', tok[4]) : 0;
    const initValue = tok[5] !== undefined ? int(file, no, 'initial value (field 6)', tok[5]) : adcZero;
    const checksum = tok[6] !== undefined ? int(file, no, 'checksum (field 7)', tok[6]) : undefined;
    const blockSize = tok[7] !== undefined ? int(file, no, 'block size (field 8)', tok[7]) : 0;
    const description = tok.length > 8 ? tok.slice(8).join(' ') : '';
    signals.push({
      fileName: tok[0],
      format,
      samplesPerFrame,
      skew,
      byteOffset,
      gain,
      gainDefaulted,
      baseline: baseline ?? adcZero,
      units,
      adcRes,
      adcZero,
      initValue,
      checksum,
      blockSize,
      description,
    });
  }
  return { name, nSegments, nSig, fs, counterFreq, baseCounter, nSamples, baseTime, baseDate, signals, comments };
}
