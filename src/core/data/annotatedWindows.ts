/**
 * Windows of a long annotated record, each labelled from the wave boundaries inside it (the QT database's .q1c
 * beats: about 30 beats per 15-min record, so the record's mean would pair a 10-s input with beats minutes away).
 * A window keeps the annotations whose sample lies in it; its PR, QRS, QT and HR follow the rule of
 * formats/labels/intervals.ts on those alone. Windows without a complete QRS (onset and offset) are not kept.
 * LUDB-style records annotated per lead use the lead the record labels use (lead II, else the first).
 */
import { intervalLabels, pickIntervalLead } from '../formats/labels/intervals';
import type { Annotation, RecordLabels, Recording } from '../formats/recording';

export interface AnnotatedWindow {
  /** Window index on the consecutive grid (window k covers [k·len, (k+1)·len) of the record). */
  index: number;
  labels: RecordLabels;
}

function labelLead(anns: Annotation[], sigNames: string[]): Annotation[] {
  const leads = [...new Set(anns.map((a) => a.lead).filter((l): l is string => !!l))];
  if (leads.length === 0) return anns;
  const pick = pickIntervalLead(leads, sigNames);
  return anns.filter((a) => a.lead === pick);
}

/**
 * @param windowLen window length in the record's own samples
 * @param nWindows windows on the grid (a remainder shorter than a window is not one)
 */
export function annotatedWindows(rec: Pick<Recording, 'annotations' | 'fs' | 'sigNames' | 'labels'>, windowLen: number, nWindows: number): AnnotatedWindow[] {
  const anns = labelLead(rec.annotations ?? [], rec.sigNames).slice().sort((a, b) => a.sample - b.sample);
  const byWindow = new Map<number, Annotation[]>();
  for (const a of anns) {
    const k = Math.floor(a.sample / windowLen);
    if (k < 0 || k >= nWindows) continue;
    let list = byWindow.get(k);
    if (!list) byWindow.set(k, (list = []));
    list.push(a);
  }
  const out: AnnotatedWindow[] = [];
  for (const k of [...byWindow.keys()].sort((a, b) => a - b)) {
    const l = intervalLabels(byWindow.get(k)!, rec.fs);
    if (l.qrs_ms === undefined) continue;
    // other labels of the record (classes, beat counts) stay; its interval means are replaced by the window's
    const { hr_bpm: _h, pr_ms: _p, qrs_ms: _q, qt_ms: _t, ...rest } = rec.labels ?? {};
    out.push({ index: k, labels: { ...rest, ...l } });
  }
  return out;
}
