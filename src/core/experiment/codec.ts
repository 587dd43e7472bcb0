/**
 * URL codec: an ExperimentSpec ↔ a compact URL-safe string (lz-string of a versioned envelope).
 * Only the spec travels: imported data is referenced by name + fingerprint; local file paths are dropped.
 */
import LZString from 'lz-string';
import { parseSpec, SpecError, type ExperimentSpec } from './spec';

export const ENVELOPE_FORMAT = 'ecg-transfer-lab/spec';
export const ENVELOPE_VERSION = 1;

interface Envelope {
  format: typeof ENVELOPE_FORMAT;
  v: number;
  spec: ExperimentSpec;
}

/** Removes anything that could identify local user data (CLI paths). */
export function shareableSpec(spec: ExperimentSpec): ExperimentSpec {
  const sources: ExperimentSpec['sources'] = {};
  for (const [k, s] of Object.entries(spec.sources)) {
    if (s.kind === 'imported') {
      const { paths: _paths, ...rest } = s;
      sources[k] = rest;
    } else sources[k] = s;
  }
  return { ...spec, sources };
}

export function encodeSpec(spec: ExperimentSpec): string {
  const env: Envelope = { format: ENVELOPE_FORMAT, v: ENVELOPE_VERSION, spec: shareableSpec(spec) };
  return LZString.compressToEncodedURIComponent(JSON.stringify(env));
}

/** Decodes, migrates an older spec version (parseSpec → migrateSpec) and validates; throws SpecError on a damaged string, an unknown envelope version or an invalid spec. */
export function decodeSpec(s: string): ExperimentSpec {
  const json = LZString.decompressFromEncodedURIComponent(s.trim());
  if (!json) throw new SpecError('', 'the shared experiment link is damaged (cannot decompress)');
  let env: Partial<Envelope>;
  try {
    env = JSON.parse(json) as Partial<Envelope>;
  } catch {
    throw new SpecError('', 'the shared experiment link is damaged (not JSON)');
  }
  if (env.format !== ENVELOPE_FORMAT) throw new SpecError('', 'not an ECG Transfer Lab experiment link');
  if (env.v !== ENVELOPE_VERSION) throw new SpecError('', `unsupported link version ${JSON.stringify(env.v)} (this lab reads ${ENVELOPE_VERSION})`);
  return parseSpec(env.spec);
}
