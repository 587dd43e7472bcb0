/**
 * The page's calls to the engine's spec API in the training worker (the engine imports tfjs, so the page never
 * imports it): the catalogue (presets + choice fields, fetched once into the experiment store), validation and
 * the share-link codec.
 */
import type { Catalog, ExperimentSpec, Validation } from '../core/experiment/contract';
import type { EncodeResult } from '../../workers/train.protocol';
import { withTrainWorker } from '../../workers/trainClient';
import { useExperimentStore } from './experimentStore';

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
let catalogPromise: Promise<Catalog> | null = null;

/** Presets and field choices from the engine; cached, retried after a failure. */
export function loadCatalog(): Promise<Catalog> {
  catalogPromise ??= withTrainWorker((api) => api.catalog()).then(
    (c) => {
      useExperimentStore.getState()._setCatalog(c, null);
      return c;
    },
    (e: unknown) => {
      catalogPromise = null;
      useExperimentStore.getState()._setCatalog(null, messageOf(e));
      throw e;
    },
  );
  return catalogPromise;
}

/** The engine's parseSpec: the validated spec, or an error naming the field. */
export function validateSpec(spec: unknown): Promise<Validation> {
  return withTrainWorker<Validation>((api) => api.validate(spec)).catch((e: unknown): Validation => ({ ok: false, error: messageOf(e) }));
}

export async function encodeSharedSpec(spec: ExperimentSpec): Promise<string> {
  const r = await withTrainWorker<EncodeResult>((api) => api.encode(spec));
  if (!r.ok) throw new Error(r.error);
  return r.encoded;
}

export function decodeSharedSpec(encoded: string): Promise<Validation> {
  return withTrainWorker<Validation>((api) => api.decode(encoded));
}
