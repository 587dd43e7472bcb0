/**
 * Signal designer: the parameters of one synthetic record, its live preview (synthesized in the data worker),
 * and the synthetic *dataset* spec edited in dataset mode.
 */
import { create } from 'zustand';
import { DEFAULT_NOISE, presetParams } from '../core/signal/params';
import type { MorphologyPreset, NoiseParams, RecordOptions, SynthParams, SynthRecord } from '../core/signal/types';
import type { SyntheticDatasetSpec } from '../core/data/synthDataset';
import { withDataWorker } from '../../workers/dataClient';

export type DesignerMode = 'record' | 'dataset';

export interface DesignerState {
  mode: DesignerMode;
  params: SynthParams;
  opts: RecordOptions;
  preview: SynthRecord | null;
  /** Synthesis time in the worker and round trip seen by the page, ms. */
  previewMs: { synth: number; total: number } | null;
  previewError: { message: string; param?: string } | null;
  /** Dataset-mode spec; null until dataset mode first opens (then the default spec). */
  spec: SyntheticDatasetSpec | null;
  setMode(mode: DesignerMode): void;
  setParam<K extends keyof SynthParams>(key: K, value: SynthParams[K]): void;
  setNoise<K extends keyof NoiseParams>(key: K, value: NoiseParams[K]): void;
  setOption<K extends Exclude<keyof RecordOptions, 'noise'>>(key: K, value: RecordOptions[K]): void;
  applyPreset(preset: MorphologyPreset): void;
  newSeed(): void;
  setSpec(spec: SyntheticDatasetSpec): void;
  /** Restore a whole design (used by shared links). */
  load(params: SynthParams, opts: RecordOptions): void;
}

export const DEFAULT_OPTIONS: RecordOptions = { fs: 500, seconds: 10, leads: '12', seed: 1, noise: { ...DEFAULT_NOISE } };

export const useDesignerStore = create<DesignerState>()((set, get) => ({
  mode: 'record',
  params: presetParams('normal'),
  opts: { ...DEFAULT_OPTIONS, noise: { ...DEFAULT_OPTIONS.noise } },
  preview: null,
  previewMs: null,
  previewError: null,
  spec: null,
  setMode: (mode) => set({ mode }),
  setParam: (key, value) => {
    set({ params: { ...get().params, [key]: value } });
    requestPreview();
  },
  setNoise: (key, value) => {
    const opts = get().opts;
    set({ opts: { ...opts, noise: { ...opts.noise, [key]: value } } });
    requestPreview();
  },
  setOption: (key, value) => {
    set({ opts: { ...get().opts, [key]: value } });
    requestPreview();
  },
  applyPreset: (preset) => {
    set({ params: presetParams(preset) });
    requestPreview();
  },
  newSeed: () => {
    set({ opts: { ...get().opts, seed: Math.floor(Math.random() * 1_000_000) + 1 } });
    requestPreview();
  },
  setSpec: (spec) => set({ spec }),
  load: (params, opts) => {
    set({ params, opts });
    requestPreview();
  },
}));

// Preview scheduling: at most one synthesis in flight; while it runs, only the latest request is kept.
let inFlight = false;
let pending = false;

export function requestPreview(): void {
  if (inFlight) {
    pending = true;
    return;
  }
  inFlight = true;
  pending = false;
  const { params, opts } = useDesignerStore.getState();
  const t0 = performance.now();
  withDataWorker((w) => w.preview(params, opts))
    .then((res) => {
      if (res.record) {
        useDesignerStore.setState({
          preview: res.record,
          previewMs: { synth: res.ms, total: performance.now() - t0 },
          previewError: null,
        });
      } else {
        useDesignerStore.setState({ previewError: res.error ?? { message: 'synthesis failed' } });
      }
    })
    .catch((err: unknown) => {
      useDesignerStore.setState({ previewError: { message: err instanceof Error ? err.message : String(err) } });
    })
    .finally(() => {
      inFlight = false;
      if (pending) requestPreview();
    });
}
