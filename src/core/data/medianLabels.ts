/**
 * Interval labels for an imported dataset from its records' median beats (labelsFromMedianBeats): a new
 * dataset with hr/pr/qrs/qt targets filled where they were missing, its own id and fingerprint (the labels are
 * part of what a fingerprint names), and an account of how many records got labels and why the others did not.
 */
import { MEDIAN_TARGETS, medianBeatTargets, type MedianTarget } from '../signal/median/labels';
import type { EcgDataset } from './dataset';

export interface MedianLabelsReport {
  /** Records with at least one interval read from their median beat. */
  labelled: number;
  n: number;
  /** Records that got a value, per target. */
  perTarget: Record<MedianTarget, number>;
  /** Why records got no label (or not every label), with how many and a few record names. */
  reasons: { reason: string; count: number; examples: string[] }[];
}

function fnv(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Fills the missing interval targets; existing values are kept. */
export function withMedianLabels(ds: EcgDataset): { dataset: EcgDataset; report: MedianLabelsReport } {
  const { targets, failures } = medianBeatTargets(ds);
  const out: NonNullable<EcgDataset['targets']> = { ...ds.targets };
  const perTarget = Object.fromEntries(MEDIAN_TARGETS.map((k) => [k, 0])) as Record<MedianTarget, number>;
  const byReason = new Map<string, { count: number; examples: string[] }>();
  const note = (reason: string, r: number) => {
    const e = byReason.get(reason) ?? { count: 0, examples: [] };
    e.count++;
    if (e.examples.length < 3) e.examples.push(ds.recordNames[r] ?? String(r + 1));
    byReason.set(reason, e);
  };
  for (const f of failures) note(f.reason.replace(/^medianBeat: /, '').replace(/^\d+ beat\(s\) found, need 2$/, 'fewer than 2 beats detected'), f.record);
  const failed = new Set(failures.map((f) => f.record));
  let labelled = 0;
  for (let r = 0; r < ds.n; r++) {
    if (failed.has(r)) continue;
    let any = false;
    for (const k of MEDIAN_TARGETS) if (!Number.isNaN(targets[k][r])) any = true;
    if (any) labelled++;
    if (Number.isNaN(targets.pr_ms[r])) note('no P wave found (no PR; e.g. atrial fibrillation)', r);
    if (Number.isNaN(targets.qt_ms[r])) note('no T-wave end found (no QT)', r);
  }
  let h = fnv(0x811c9dc5, `${ds.fingerprint}|median-beat-labels`);
  for (const k of MEDIAN_TARGETS) {
    const old = ds.targets?.[k];
    const merged = old ? old.map((v, i) => (Number.isNaN(v) ? targets[k][i] : v)) : targets[k];
    out[k] = merged;
    for (let i = 0; i < merged.length; i++) {
      if (!Number.isNaN(merged[i])) {
        if (!old || Number.isNaN(old[i])) perTarget[k]++;
        h = fnv(h, `${i}:${Math.round(merged[i] * 10)}`);
      }
    }
  }
  const fp = h.toString(16).padStart(8, '0');
  const dataset: EcgDataset = {
    ...ds,
    id: `${ds.id}+median-${fp}`,
    name: `${ds.name} + median-beat intervals`,
    fingerprint: `${ds.fingerprint.slice(0, 8)}${fp}`,
    targets: out,
  };
  const reasons = [...byReason.entries()].map(([reason, e]) => ({ reason, ...e })).sort((a, b) => b.count - a.count);
  return { dataset, report: { labelled, n: ds.n, perTarget, reasons } };
}
