/**
 * WFDB annotation files in MIT format (.atr, .q1c, LUDB per-lead files): 16-bit little-endian words,
 * 6-bit type + 10-bit time increment; SKIP, NUM, SUB, CHN and AUX pseudo-annotations.
 * Spec: https://physionet.org/physiotools/wag/annot-5.htm
 */
import type { Annotation } from '../recording';
import { FormatError } from '../errors';

/** Annotation code → mnemonic (WFDB ecgcodes.h). */
export const ANN_SYMBOLS: readonly string[] = [
  ' ', 'N', 'L', 'R', 'a', 'V', 'F', 'J', 'A', 'S', 'E', 'j', '/', 'Q', '~', '[15]', '|', '[17]', 's', 'T',
  '*', 'D', '"', '=', 'p', 'B', '^', 't', '+', 'u', '?', '!', '[', ']', 'e', 'n', '@', 'x', 'f', '(', ')', 'r',
];

const SKIP = 59, NUM = 60, SUB = 61, CHN = 62, AUX = 63;
const MAX_ANNOTATIONS = 50_000_000;

export function annotationSymbol(code: number): string {
  return ANN_SYMBOLS[code] ?? `[${code}]`;
}

/** Reads an MIT-format annotation file. Errors are FormatError('bad-annotation' | 'truncated'). */
export function readAnnotations(data: Uint8Array, file = 'annotations'): Annotation[] {
  const nWords = Math.floor(data.length / 2);
  if (nWords > MAX_ANNOTATIONS * 2) throw new FormatError(file, 'too-large', 'annotation file too large');
  const word = (i: number) => data[2 * i] | (data[2 * i + 1] << 8);
  const out: Annotation[] = [];
  let time = 0;
  let num = 0;
  let chan = 0;
  let cur: Annotation | undefined;
  let i = 0;
  let ended = false;
  // The first annotation may be preceded by a "## time resolution" AUX block in newer files; handled as AUX.
  while (i < nWords) {
    const w = word(i++);
    const a = w >> 10;
    const v = w & 0x3ff;
    if (a === 0 && v === 0) {
      ended = true;
      break;
    }
    if (a === SKIP) {
      if (i + 2 > nWords) throw new FormatError(file, 'truncated', `SKIP at word ${i - 1} lacks its 4-byte interval`);
      const hi = word(i), lo = word(i + 1);
      i += 2;
      time += ((hi << 16) | lo) | 0; // signed 32-bit, PDP-11 word order
      continue;
    }
    if (a === NUM) {
      num = (v << 22) >> 22;
      if (cur) cur.num = num;
      continue;
    }
    if (a === SUB) {
      if (cur) cur.subtype = (v << 22) >> 22;
      continue;
    }
    if (a === CHN) {
      chan = v;
      if (cur) cur.chan = chan;
      continue;
    }
    if (a === AUX) {
      const nBytes = v;
      const start = 2 * i;
      if (start + nBytes > data.length) throw new FormatError(file, 'truncated', `AUX string of ${nBytes} bytes runs past the end of the file`);
      let s = '';
      for (let k = 0; k < nBytes; k++) {
        const c = data[start + k];
        if (c === 0) break;
        s += String.fromCharCode(c);
      }
      i += (nBytes + 1) >> 1;
      if (cur) cur.aux = s;
      continue;
    }
    if (a > 49 && a < 59) throw new FormatError(file, 'bad-annotation', `invalid annotation code ${a} at word ${i - 1}`);
    time += v;
    if (time < 0) throw new FormatError(file, 'bad-annotation', `negative annotation time at word ${i - 1}`);
    if (out.length >= MAX_ANNOTATIONS) throw new FormatError(file, 'too-large', 'too many annotations');
    cur = { sample: time, symbol: annotationSymbol(a), subtype: 0, chan, num };
    out.push(cur);
  }
  if (!ended && data.length >= 2) {
    // WFDB files end with a 0 word; a missing terminator means the file was cut.
    throw new FormatError(file, 'truncated', 'annotation file ends without the end-of-file marker');
  }
  return out;
}
