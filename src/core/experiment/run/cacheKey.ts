/**
 * The cache key of a pretrained model: a hash of everything its weights depend on — its stage (name: the
 * initialisation seed is salted with it; targets; merged training parameters), its source (synthetic spec or the
 * imported dataset's fingerprint, and the split), the first stage's source (it fixes the input geometry),
 * preprocessing, model kind and the repeat's seed. The backend is not part of it (results agree across thread
 * counts; across backends to float rounding).
 */
import { stageModelKind, stageTraining, type ExperimentSpec, type SourceSpec, type StageSpec } from '../spec';

/** Bumped when the training code changes what a given spec produces. */
export const PRETRAIN_CACHE_VERSION = 1;

/** JSON with object keys sorted, so equal content gives equal text. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** 64-bit FNV-1a-style hash of a string as 16 hex digits (two independent 32-bit lanes). */
export function hashText(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
    b = (b ^ (b >>> 15)) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** A source as far as the data go: paths dropped, an imported source's fingerprint that of the dataset really used. */
function sourceIdentity(src: SourceSpec, fingerprint: string | undefined): unknown {
  if (src.kind === 'synthetic') return src;
  const { paths: _p, name: _n, ...rest } = src;
  return { ...rest, fingerprint: fingerprint ?? src.fingerprint ?? null };
}

/**
 * @param fingerprintOf the fingerprint of the dataset used for an imported source (undefined when unknown: the
 *   spec's fingerprint stands in, and without one no key can be made → null)
 */
export function pretrainCacheKey(spec: ExperimentSpec, st: Extract<StageSpec, { kind: 'pretrain' }>, seed: number, fingerprintOf: (source: string) => string | undefined): string | null {
  const first = spec.stages[0].source;
  const ident = (key: string) => {
    const src = spec.sources[key];
    const fp = fingerprintOf(key);
    if (src.kind === 'imported' && !fp && !src.fingerprint) return undefined;
    return sourceIdentity(src, fp);
  };
  const source = ident(st.source);
  const geometrySource = ident(first);
  if (source === undefined || geometrySource === undefined) return null;
  const stage = { name: st.name, targets: st.targets, training: stageTraining(spec, st) };
  return hashText(
    canonicalJson({ v: PRETRAIN_CACHE_VERSION, stage, sourceKey: st.source, source, geometrySource, preprocessing: spec.preprocessing, model: { kind: stageModelKind(spec, st) }, seed }),
  );
}
