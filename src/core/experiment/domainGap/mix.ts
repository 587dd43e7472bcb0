/**
 * The data of a domain-gap classifier: records of two datasets, labelled by origin ('real' / 'synthetic'), in one
 * dataset the runner trains on like any other.
 *
 * - Same leads, rate and length: both are read at the model's input leads (by name); the rate and the length must
 *   already agree (the host imports real records resampled to the synthetic rate). A lead the real records lack
 *   (zero-filled at import in more than half of them) is zeroed in every row of both sides, so a missing lead
 *   cannot tell the sources apart.
 * - Same preprocessing: the rows hold physical values (mV); the spec's scaling is applied per record when batched.
 * - Equal counts: the larger side is cut to the smaller one's count by a seeded random draw.
 * - Split by record: rows carry group ids (a real row its patient, else its record, so windows of one record stay
 *   together; a synthetic row itself), which the split keeps whole.
 */
import type { EcgDataset } from '../../data/dataset';
import { mulberry32, shuffleInPlace } from '../../ml/random';
import { recordOfRow } from '../run/agreement';
import type { DomainMixInfo } from '../results';
import { DOMAIN_CLASSES } from '../spec';

export type { DomainMixInfo };


function leadIndex(ds: EcgDataset, lead: string): number {
  const i = ds.leadNames.findIndex((n) => n.toLowerCase() === lead.toLowerCase());
  if (i < 0) throw new Error(`dataset "${ds.name}" lacks lead ${lead} (has ${ds.leadNames.join(', ')})`);
  return i;
}

function rowLead(ds: EcgDataset, r: number, l: number, out: Float32Array, at: number): void {
  const T = ds.nSamples;
  const base = (r * ds.nLeads + l) * T;
  const k = ds.x instanceof Int16Array ? (ds.xScale ?? 0.001) : 1;
  for (let t = 0; t < T; t++) out[at + t] = ds.x[base + t] * k;
}

function allZero(ds: EcgDataset, r: number, l: number): boolean {
  const base = (r * ds.nLeads + l) * ds.nSamples;
  for (let t = 0; t < ds.nSamples; t++) if (ds.x[base + t] !== 0) return false;
  return true;
}

function pick(n: number, k: number, seed: number): number[] {
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  if (k < n) shuffleInPlace(idx, mulberry32(seed));
  return Array.from(idx.subarray(0, k)).sort((a, b) => a - b);
}

export function domainMix(synthetic: EcgDataset, real: EcgDataset, leads: string[], seed: number): { dataset: EcgDataset; info: DomainMixInfo } {
  if (synthetic.fs !== real.fs || synthetic.nSamples !== real.nSamples) {
    throw new Error(`domain gap: "${real.name}" has ${real.nSamples} samples at ${real.fs} Hz, "${synthetic.name}" ${synthetic.nSamples} at ${synthetic.fs} Hz: import the real records at ${synthetic.fs} Hz, ${(synthetic.nSamples / synthetic.fs).toFixed(1)} s`);
  }
  const per = Math.min(synthetic.n, real.n);
  if (per < 2) throw new Error(`domain gap: needs at least 2 records on each side (synthetic ${synthetic.n}, real ${real.n})`);
  const sIdx = leads.map((l) => leadIndex(synthetic, l));
  const rIdx = leads.map((l) => leadIndex(real, l));
  const realRows = pick(real.n, per, seed ^ 0x5eed);
  const synRows = pick(synthetic.n, per, seed ^ 0x5e17);
  const zeroed = leads.filter((_, j) => realRows.filter((r) => allZero(real, r, rIdx[j])).length * 2 > per);
  const L = leads.length;
  const T = real.nSamples;
  const n = 2 * per;
  const x = new Float32Array(n * L * T);
  const y = new Uint8Array(n * 2);
  const names: string[] = [];
  const groups: string[] = [];
  const realRecords = new Set<string>();
  const put = (ds: EcgDataset, rows: number[], idx: number[], cls: 0 | 1, offset: number) => {
    rows.forEach((r, i) => {
      const row = offset + i;
      idx.forEach((l, j) => {
        if (!zeroed.includes(leads[j])) rowLead(ds, r, l, x, (row * L + j) * T);
      });
      y[row * 2 + cls] = 1;
      const name = ds.recordNames[r] ?? String(r);
      names.push(`${DOMAIN_CLASSES[cls]}:${name}`);
      if (cls === 0) {
        const group = ds.patientIds?.[r] || recordOfRow(name);
        realRecords.add(recordOfRow(name));
        groups.push(`real:${group}`);
      } else groups.push(`synthetic:${name}`);
    });
  };
  put(real, realRows, rIdx, 0, 0);
  put(synthetic, synRows, sIdx, 1, per);
  const dataset: EcgDataset = {
    id: `domain-mix-${synthetic.fingerprint}-${real.fingerprint}`,
    name: `${synthetic.name} vs ${real.name}`,
    fingerprint: `${synthetic.fingerprint}${real.fingerprint}`,
    source: 'synthetic',
    fs: real.fs,
    nLeads: L,
    nSamples: T,
    leadNames: [...leads],
    n,
    x,
    recordNames: names,
    classes: [...DOMAIN_CLASSES],
    y,
    patientIds: groups,
  };
  return { dataset, info: { perSide: per, realRecords: realRecords.size, synthetic: per, availableReal: real.n, availableSynthetic: synthetic.n, zeroedLeads: zeroed } };
}
