/** Our own JSON export of a Recording (NaN written as null), and its validated parser. */
import { z } from 'zod';
import type { Recording } from './recording';
import { canonicalLeadNames } from './leadNames';
import { FormatError, decodeText, MAX_TOTAL_SAMPLES } from './errors';

export const JSON_FORMAT = 'ecg-transfer-lab/recording';

const schema = z.object({
  format: z.literal(JSON_FORMAT),
  version: z.literal(1),
  name: z.string(),
  fs: z.number().positive(),
  sigNames: z.array(z.string()),
  units: z.array(z.string()),
  signals: z.array(z.array(z.number().nullable())),
  comments: z.array(z.string()).optional(),
  labels: z.record(z.string(), z.unknown()).optional(),
  patientId: z.string().optional(),
  fold: z.number().optional(),
});

export function toJson(rec: Recording): string {
  return JSON.stringify({
    format: JSON_FORMAT,
    version: 1,
    name: rec.name,
    fs: rec.fs,
    sigNames: rec.sigNames,
    units: rec.units,
    signals: rec.signals.map((s) => Array.from(s, (v) => (Number.isFinite(v) ? v : null))),
    comments: rec.comments,
    labels: rec.labels,
    patientId: rec.patientId,
    fold: rec.fold,
  });
}

export function parseJson(data: Uint8Array | string, file = 'record.json'): Recording {
  const text = typeof data === 'string' ? data : decodeText(data);
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (err) {
    throw new FormatError(file, 'bad-json', `invalid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const r = schema.safeParse(obj);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new FormatError(file, 'bad-json', `not an ECG Transfer Lab recording: ${issue.path.join('.') || 'root'}: ${issue.message}`);
  }
  const v = r.data;
  const nSamples = v.signals[0]?.length ?? 0;
  if (v.sigNames.length !== v.signals.length || v.units.length !== v.signals.length) throw new FormatError(file, 'bad-json', 'sigNames, units and signals differ in length');
  if (v.signals.some((s) => s.length !== nSamples)) throw new FormatError(file, 'bad-json', 'signals differ in length');
  if (nSamples * v.signals.length > MAX_TOTAL_SAMPLES) throw new FormatError(file, 'too-large', 'too many samples');
  let nanCount = 0;
  const signals = v.signals.map((s) => Float32Array.from(s, (x) => (x === null ? (nanCount++, NaN) : x)));
  const rec: Recording = { name: v.name, fs: v.fs, nSamples, sigNames: canonicalLeadNames(v.sigNames), units: v.units, signals, nanCount, comments: v.comments ?? [] };
  if (v.labels) rec.labels = v.labels as Recording['labels'];
  if (v.patientId !== undefined) rec.patientId = v.patientId;
  if (v.fold !== undefined) rec.fold = v.fold;
  return rec;
}
