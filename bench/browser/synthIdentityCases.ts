/**
 * The generator's outputs that must be bit-identical in Node and in a browser: for every preset (the morphology
 * presets and the pathologies are one list), 1-lead 100 Hz and 12-lead 500 Hz records with the default noise and
 * the annotated rules (1-lead: annotated-lead and annotated-ludb; 12-lead: annotated-lead and annotated-global),
 * and a small dataset of the default spec. Each case is
 * one FNV-1a hash over the bits of everything the case produced (Float32 samples, Float64 labels and fiducials),
 * so any difference in any sample or label changes it. Pure TypeScript: the same module runs on both sides.
 */
import { DEFAULT_NOISE, MORPHOLOGY_PRESETS, presetParams, synthesize, type LabelRule, type LeadLayout, type SamplingRate, type SynthRecord } from '../../src/core/signal';
import { defaultSyntheticSpec, generateSyntheticDataset } from '../../src/core/data/synthDataset';

export type IdentityHashes = Record<string, string>;

class Fnv {
  h = 0x811c9dc5;
  private readonly f64 = new Float64Array(1);
  private readonly u32 = new Uint32Array(this.f64.buffer);
  words(u: Uint32Array): void {
    let h = this.h;
    for (let i = 0; i < u.length; i++) h = Math.imul(h ^ u[i], 0x01000193);
    this.h = h;
  }
  f32(a: Float32Array | Int16Array): void {
    if (a instanceof Int16Array) this.bytes(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    else this.words(new Uint32Array(a.buffer, a.byteOffset, a.length));
  }
  bytes(a: Uint8Array): void {
    let h = this.h;
    for (let i = 0; i < a.length; i++) h = Math.imul(h ^ a[i], 0x01000193);
    this.h = h;
  }
  num(v: number | null | undefined): void {
    this.f64[0] = v ?? NaN;
    this.words(this.u32);
  }
  str(s: string): void {
    let h = this.h;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    this.h = h;
  }
  hex(): string {
    return (this.h >>> 0).toString(16).padStart(8, '0');
  }
}

function hashRecord(rec: SynthRecord): string {
  const f = new Fnv();
  for (const s of rec.signals) f.f32(s);
  const sets: { labels: SynthRecord['labels']; beats: object[] }[] = [{ labels: rec.labels, beats: rec.beats }];
  if (rec.annotated) sets.push(rec.annotated);
  for (const { labels, beats } of sets) {
    f.num(labels.hr_bpm);
    f.num(labels.pr_ms);
    f.num(labels.qrs_ms);
    f.num(labels.qt_ms);
    for (const b of beats) for (const k of Object.keys(b).sort()) f.num((b as unknown as Record<string, number>)[k]);
  }
  return f.hex();
}

export const IDENTITY_LAYOUTS: { fs: SamplingRate; leads: LeadLayout; rules: LabelRule[] }[] = [
  { fs: 100, leads: '1', rules: ['annotated-lead', 'annotated-ludb'] },
  { fs: 500, leads: '12', rules: ['annotated-lead', 'annotated-global'] },
];

/** Small dataset: every preset at least once, 12-lead 100 Hz, the default spec's priors, noise and label rule. */
export const IDENTITY_DATASET_N = 24;

export function identityHashes(): IdentityHashes {
  const out: IdentityHashes = {};
  for (const preset of MORPHOLOGY_PRESETS) {
    const params = presetParams(preset);
    for (const { fs, leads, rules } of IDENTITY_LAYOUTS) {
      for (const rule of rules) {
        const rec = synthesize(params, { fs, seconds: 10, leads, seed: 7, noise: DEFAULT_NOISE }, rule);
        out[`${preset} ${leads}-lead ${fs} Hz ${rule}`] = hashRecord(rec);
      }
    }
  }
  const ds = generateSyntheticDataset({ ...defaultSyntheticSpec(), n: IDENTITY_DATASET_N });
  const fx = new Fnv();
  fx.f32(ds.x);
  out['dataset x'] = fx.hex();
  const ft = new Fnv();
  if (!ds.targets || !ds.y || !ds.classes) throw new Error('a synthetic dataset has targets, y and classes');
  for (const k of ['hr_bpm', 'pr_ms', 'qrs_ms', 'qt_ms'] as const) {
    const t = ds.targets[k];
    if (!t) throw new Error(`the synthetic dataset has no ${k} target`);
    ft.f32(t);
  }
  ft.bytes(ds.y);
  for (const c of ds.classes) ft.str(c);
  out['dataset labels'] = ft.hex();
  out['dataset fingerprint'] = ds.fingerprint;
  return out;
}
