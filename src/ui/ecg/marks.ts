/**
 * Turns fiducials (synthetic beats) and file annotations (LUDB wave boundaries, MIT beat labels) into
 * display marks: wave spans (P, QRS, T with onset/peak/offset) and point labels. Display only, no analysis.
 */
import type { BeatFiducials } from '../../core/signal/types';
import type { Annotation } from '../../core/formats/recording';

export type WaveKind = 'P' | 'QRS' | 'T';

export interface WaveSpan {
  kind: WaveKind;
  on: number; // sample, -1 when unknown
  peak: number;
  off: number;
  /** Lead name this span belongs to; undefined = all leads. */
  lead?: string;
}

export interface PointMark {
  sample: number;
  text: string;
  lead?: string;
}

export interface Marks {
  spans: WaveSpan[];
  points: PointMark[];
}

/** The RR label of a beat: the interval to the previous R peak in milliseconds. */
export function rrText(samples: number, fs: number): string {
  return `RR ${Math.round((samples / fs) * 1000)} ms`;
}

/** Wave spans and R-peak labels (RR in ms from the sampling rate `fs`) of synthetic beats. */
export function marksFromBeats(beats: readonly BeatFiducials[] | undefined, fs: number): Marks {
  const spans: WaveSpan[] = [];
  const points: PointMark[] = [];
  if (!beats) return { spans, points };
  let prevR = -1;
  for (const b of beats) {
    if (b.pOn >= 0 || b.pPeak >= 0) spans.push({ kind: 'P', on: b.pOn, peak: b.pPeak, off: b.pOff });
    if (b.qrsOn >= 0) spans.push({ kind: 'QRS', on: b.qrsOn, peak: b.rPeak, off: b.qrsOff });
    if (b.tOn >= 0 || b.tPeak >= 0) spans.push({ kind: 'T', on: b.tOn, peak: b.tPeak, off: b.tOff });
    if (b.rPeak >= 0) {
      points.push({ sample: b.rPeak, text: prevR >= 0 ? rrText(b.rPeak - prevR, fs) : 'N' });
      prevR = b.rPeak;
    }
  }
  return { spans, points };
}

const PEAK_KIND: Record<string, WaveKind> = { p: 'P', N: 'QRS', t: 'T', P: 'P', T: 'T' };

/**
 * LUDB/QTDB style: "(" onset, a peak symbol (p, N, t), ")" offset, per lead. Everything else (MIT beat labels
 * N, V, A, ...; rhythm changes) becomes a point label.
 */
export function marksFromAnnotations(anns: readonly Annotation[] | undefined): Marks {
  const spans: WaveSpan[] = [];
  const points: PointMark[] = [];
  if (!anns || anns.length === 0) return { spans, points };
  const byLead = new Map<string, Annotation[]>();
  for (const a of anns) {
    const key = a.lead ?? '';
    let list = byLead.get(key);
    if (!list) byLead.set(key, (list = []));
    list.push(a);
  }
  for (const [lead, list] of byLead) {
    const sorted = [...list].sort((a, b) => a.sample - b.sample);
    const hasBoundaries = sorted.some((a) => a.symbol === '(' || a.symbol === ')');
    for (let i = 0; i < sorted.length; i++) {
      const a = sorted[i];
      const kind = hasBoundaries ? PEAK_KIND[a.symbol] : undefined;
      if (kind) {
        const prev = sorted[i - 1];
        const next = sorted[i + 1];
        spans.push({
          kind,
          on: prev?.symbol === '(' ? prev.sample : -1,
          peak: a.sample,
          off: next?.symbol === ')' ? next.sample : -1,
          lead: lead || undefined,
        });
      } else if (a.symbol !== '(' && a.symbol !== ')') {
        const text = a.symbol === '+' && a.aux ? a.aux.replace(/\0/g, '').trim() : a.symbol;
        if (text) points.push({ sample: a.sample, text, lead: lead || undefined });
      }
    }
  }
  return { spans, points };
}

export function mergeMarks(...all: Marks[]): Marks {
  return { spans: all.flatMap((m) => m.spans), points: all.flatMap((m) => m.points) };
}

/** Case-insensitive lead match ("AVR" = "aVR", "ii" = "II"). */
export function sameLead(a: string | undefined, b: string): boolean {
  return a === undefined || a.toLowerCase() === b.toLowerCase();
}
