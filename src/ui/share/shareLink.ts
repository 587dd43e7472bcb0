/** Share links: `#spec=<encodeSpec(spec)>` (compressed and versioned by the engine's codec). */
import { useExperimentStore } from '../../store/experimentStore';
import { useDesignerStore } from '../../store/designerStore';
import { goToPanel } from '../../store/uiStore';
import type { ExperimentSpec } from '../../core/experiment/contract';
import { decodeSharedSpec, encodeSharedSpec, loadCatalog } from '../../store/engineActions';
import { defaultPreset, presetSpec, syntheticSpecOf } from '../experiment/specAccess';

export const HASH_KEY = 'spec';

export async function buildShareUrl(spec: ExperimentSpec): Promise<string> {
  const encoded = await encodeSharedSpec(spec);
  const { origin, pathname, search } = window.location;
  return `${origin}${pathname}${search}#${HASH_KEY}=${encoded}`;
}

/** The encoded spec in a hash like `#spec=...`, or null. */
export function specParam(hash: string): string | null {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  const params = new URLSearchParams(h);
  return params.get(HASH_KEY);
}

export interface RestoreOutcome {
  restored: boolean;
  error?: string;
}

let lastRestored: string | null = null;

/**
 * If the page was opened from a share link, restore the experiment spec (and the designer's synthetic dataset
 * spec). Idempotent per link. Errors (bad or newer-version links) are shown in the experiment panel.
 */
export async function restoreFromLocation(): Promise<RestoreOutcome> {
  const enc = specParam(window.location.hash);
  if (!enc || enc === lastRestored) return { restored: false };
  lastRestored = enc;
  const store = useExperimentStore.getState();
  try {
    const v = await decodeSharedSpec(enc);
    if (!v.ok) throw new Error(v.error);
    const spec = v.spec;
    store.setSpec(spec, 'url', 'custom');
    store.setSpecError(null);
    // A shared link opens on the experiment it holds, with what it needs.
    goToPanel('experiment');
    const synth = syntheticSpecOf(spec);
    if (synth) {
      try {
        useDesignerStore.getState().setSpec(synth);
      } catch {
        /* the designer keeps its own spec if it cannot take this one */
      }
    }
    return { restored: true };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    store.setSpecError(`The shared link could not be opened: ${error}`);
    goToPanel('experiment');
    return { restored: false, error };
  }
}

let booted: Promise<void> | null = null;

/**
 * Once per page: fetch the engine's catalogue (presets, choices) from the worker, restore a shared link if the
 * page was opened from one, otherwise load the default preset. Safe to call from several components.
 */
export function bootExperiment(): Promise<void> {
  booted ??= loadCatalog()
    .then(async () => {
      await restoreFromLocation();
      const s = useExperimentStore.getState();
      if (s.spec == null) {
        const name = defaultPreset();
        s.setSpec(presetSpec(name), 'preset', name);
      }
    })
    .catch(() => {
      booted = null; // the panel shows catalogError with a retry
    });
  return booted;
}
