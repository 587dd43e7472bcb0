/**
 * Interval labels from wave-boundary annotations (LUDB per-lead files, QT database .q1c).
 * Rule: waves are `(` onset, peak (`p` P wave, a beat symbol for QRS, `t` T wave), `)` offset.
 * P, QRS and T of one beat are paired (P = last P peak between the previous QRS and this QRS onset,
 * T = first T peak between this QRS and the next). Each interval is the mean over the beats where its
 * boundaries exist: PR = QRS onset − P onset, QRS = QRS offset − onset, QT = T offset − QRS onset.
 * HR = 60 000 / mean R-R (ms) of consecutive annotated QRS peaks (a gap longer than 1.8× the median R-R,
 * i.e. an unannotated beat between, is not an R-R interval).
 */
import type { Annotation, RecordLabels } from '../recording';

const QRS_SYMBOLS = new Set(['N', 'L', 'R', 'B', 'A', 'a', 'J', 'S', 'V', 'r', 'F', 'e', 'j', 'n', 'E', '/', 'f', 'Q', '?']);

export interface Wave {
  kind: 'P' | 'QRS' | 'T';
  onset?: number;
  peak: number;
  offset?: number;
}

export function extractWaves(anns: Annotation[]): Wave[] {
  const waves: Wave[] = [];
  for (let i = 0; i < anns.length; i++) {
    const s = anns[i].symbol;
    const kind = s === 'p' ? 'P' : s === 't' ? 'T' : QRS_SYMBOLS.has(s) ? 'QRS' : undefined;
    if (!kind) continue;
    const w: Wave = { kind, peak: anns[i].sample };
    if (i > 0 && anns[i - 1].symbol === '(') w.onset = anns[i - 1].sample;
    if (i + 1 < anns.length && anns[i + 1].symbol === ')') w.offset = anns[i + 1].sample;
    waves.push(w);
  }
  return waves.sort((a, b) => a.peak - b.peak);
}

export interface IntervalResult {
  hr_bpm?: number;
  pr_ms?: number;
  qrs_ms?: number;
  qt_ms?: number;
  nBeats: number;
  nPr: number;
  nQrs: number;
  nQt: number;
  nRr: number;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : undefined);

export function intervalsFromAnnotations(anns: Annotation[], fs: number): IntervalResult {
  const waves = extractWaves(anns);
  const qrs = waves.filter((w) => w.kind === 'QRS');
  const ps = waves.filter((w) => w.kind === 'P');
  const ts = waves.filter((w) => w.kind === 'T');
  const pr: number[] = [], qd: number[] = [], qt: number[] = [];
  for (let i = 0; i < qrs.length; i++) {
    const q = qrs[i];
    const lo = i > 0 ? qrs[i - 1].peak : -Infinity;
    const hi = i + 1 < qrs.length ? qrs[i + 1].peak : Infinity;
    const qStart = q.onset ?? q.peak;
    let p: Wave | undefined;
    for (const w of ps) if (w.peak > lo && w.peak < qStart) p = w;
    const t = ts.find((w) => w.peak > q.peak && w.peak < hi);
    if (p?.onset !== undefined && q.onset !== undefined) pr.push(q.onset - p.onset);
    if (q.onset !== undefined && q.offset !== undefined) qd.push(q.offset - q.onset);
    if (t?.offset !== undefined && q.onset !== undefined) qt.push(t.offset - q.onset);
  }
  const rrAll: number[] = [];
  for (let i = 1; i < qrs.length; i++) rrAll.push(qrs[i].peak - qrs[i - 1].peak);
  const sorted = [...rrAll].sort((a, b) => a - b);
  const med = sorted.length ? sorted[sorted.length >> 1] : 0;
  const rr = rrAll.filter((x) => x > 0 && x <= 1.8 * med);
  const ms = 1000 / fs;
  const mrr = mean(rr);
  const out: IntervalResult = { nBeats: qrs.length, nPr: pr.length, nQrs: qd.length, nQt: qt.length, nRr: rr.length };
  if (mrr !== undefined) out.hr_bpm = 60000 / (mrr * ms);
  const mpr = mean(pr), mq = mean(qd), mqt = mean(qt);
  if (mpr !== undefined) out.pr_ms = mpr * ms;
  if (mq !== undefined) out.qrs_ms = mq * ms;
  if (mqt !== undefined) out.qt_ms = mqt * ms;
  return out;
}

export function intervalLabels(anns: Annotation[], fs: number): RecordLabels {
  const r = intervalsFromAnnotations(anns, fs);
  const l: RecordLabels = {};
  if (r.hr_bpm !== undefined) l.hr_bpm = r.hr_bpm;
  if (r.pr_ms !== undefined) l.pr_ms = r.pr_ms;
  if (r.qrs_ms !== undefined) l.qrs_ms = r.qrs_ms;
  if (r.qt_ms !== undefined) l.qt_ms = r.qt_ms;
  return l;
}

/** LUDB per-lead annotation file extensions. */
export const LUDB_LEAD_EXTS = ['i', 'ii', 'iii', 'avr', 'avl', 'avf', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6'];

/** Picks the lead file to use: lead II, else the first annotated lead in the record's signal order. */
export function pickIntervalLead(available: string[], sigNames: string[]): string | undefined {
  const lower = available.map((a) => a.toLowerCase());
  const ii = lower.indexOf('ii');
  if (ii >= 0) return available[ii];
  for (const s of sigNames) {
    const k = lower.indexOf(s.toLowerCase());
    if (k >= 0) return available[k];
  }
  return available[0];
}
