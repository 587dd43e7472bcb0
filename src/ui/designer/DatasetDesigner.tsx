/** Dataset mode: size, seed, format, preset mix and a distribution per parameter, with histograms; generate in the worker. */
import { useEffect, useState } from 'react';
import { defaultSyntheticSpec, type SyntheticDatasetSpec } from '../../core/data/synthDataset';
import { NOISE_RANGES, PARAM_RANGES, presetParams, type NoiseLevelParam, type NumericParam } from '../../core/signal/params';
import { MORPHOLOGY_PRESETS, type MorphologyPreset } from '../../core/signal/types';
import { LeadsSelect, RateSelect } from './FormatFields';
import { useDataStore } from '../../store/dataStore';
import { useDesignerStore } from '../../store/designerStore';
import { goToPanel } from '../../store/uiStore';
import { withDataWorker } from '../../../workers/dataClient';
import type { SpecPreview } from '../../../workers/data.protocol';
import { DistributionEditor } from './DistributionEditor';
import { PRESET_LABELS } from './presetLabels';
import { UseForPretraining } from './UseForPretraining';

const NORMAL = presetParams('normal');

export function DatasetDesigner() {
  const stored = useDesignerStore((s) => s.spec);
  const setSpec = useDesignerStore((s) => s.setSpec);
  const spec = stored ?? defaultSyntheticSpec();
  // Only whether a generation runs: progress ticks re-render <GenerateProgress/> alone, not the histograms.
  const generating = useDataStore((s) => s.generating !== null);
  const generate = useDataStore((s) => s.generateSynthetic);
  const [preview, setPreview] = useState<SpecPreview | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    if (!stored) setSpec(spec);
  }, [stored, setSpec, spec]);

  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      withDataWorker((w) => w.specPreview(spec))
        .then((p) => live && setPreview(p))
        .catch(() => undefined);
    }, 120);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [spec]);

  const update = (patch: Partial<SyntheticDatasetSpec>) => setSpec({ ...spec, ...patch });
  /** Edits from the (memoised) distribution editors: applied to the store's latest spec, never a stale copy. */
  const current = () => useDesignerStore.getState().spec ?? defaultSyntheticSpec();
  const totalWeight = MORPHOLOGY_PRESETS.reduce((s, p) => s + (spec.presets[p] ?? 0), 0);
  const hist = (key: string) => preview?.histograms.find((h) => h.key === key);
  const badParam = preview?.error?.param ?? '';
  const mb = (spec.n * (spec.leads === '12' ? 12 : 1) * spec.fs * spec.seconds * 4) / 2 ** 20;

  const onGenerate = async () => {
    setDone(null);
    const meta = await generate(spec);
    if (meta) setDone(meta.name);
  };

  return (
    <div className="dataset-designer">
      <div className="gen-bar">
        <div className="field">
          <label htmlFor="ds-n">Records</label>
          <input id="ds-n" type="number" min={1} max={100000} step={100} value={spec.n} onChange={(e) => update({ n: Math.max(1, Math.floor(Number(e.target.value) || 1)) })} />
        </div>
        <div className="field">
          <label htmlFor="ds-seed">Seed</label>
          <input id="ds-seed" type="number" min={0} step={1} value={spec.seed} onChange={(e) => update({ seed: Math.max(0, Math.floor(Number(e.target.value) || 0)) })} />
        </div>
        <RateSelect id="ds-fs" value={spec.fs} onChange={(fs) => update({ fs })} />
        <div className="field">
          <label htmlFor="ds-sec">Seconds</label>
          <input id="ds-sec" type="number" min={1} max={60} value={spec.seconds} onChange={(e) => update({ seconds: Math.max(1, Math.min(60, Number(e.target.value) || 10)) })} />
        </div>
        <LeadsSelect id="ds-leads" value={spec.leads} onChange={(leads) => update({ leads })} />
        <span className="muted" style={{ fontSize: '0.8rem' }}>
          ≈ {mb.toFixed(0)} MB
        </span>
        <button type="button" className="btn primary" onClick={onGenerate} disabled={!!generating || !!preview?.error}>
          {generating ? 'Generating…' : 'Generate dataset'}
        </button>
        <button type="button" className="btn ghost" onClick={() => setSpec(defaultSyntheticSpec())}>
          Reset to default
        </button>
        <UseForPretraining spec={spec} disabled={!!preview?.error} />
        <GenerateProgress />
        {done && !generating && (
          <div className="gen-progress" role="status" data-testid="gen-done">
            ✓ Generated “{done}”.{' '}
            <button type="button" className="btn small" onClick={() => goToPanel('data')}>
              See it in Data →
            </button>
          </div>
        )}
      </div>
      {preview?.error && (
        <div role="alert" className="alert error" style={{ marginBottom: '0.75rem' }}>
          {preview.error.message}
        </div>
      )}
      <fieldset className="control-group" style={{ marginBottom: '0.75rem' }}>
        <legend>Classes (morphology presets) and their proportions</legend>
        {MORPHOLOGY_PRESETS.map((p: MorphologyPreset) => {
          const w = spec.presets[p] ?? 0;
          return (
            <div className="mix-row" key={p}>
              <label htmlFor={`mix-${p}`}>{PRESET_LABELS[p]}</label>
              <input
                id={`mix-${p}`}
                type="range"
                min={0}
                max={5}
                step={0.5}
                value={w}
                onChange={(e) => update({ presets: { ...spec.presets, [p]: Number(e.target.value) } })}
              />
              <span className="muted">
                {totalWeight > 0 ? `${Math.round((w / totalWeight) * 100)}%` : '0%'}
                {preview?.classCounts[p] !== undefined ? ` · ${preview.classCounts[p]}` : ''}
              </span>
            </div>
          );
        })}
      </fieldset>
      <h3 className="section-title">Parameter distributions</h3>
      <p className="muted" style={{ marginTop: 0, fontSize: '0.85rem' }}>
        Histograms show the values records will actually get (from a sample of {Math.min(800, spec.n)}), including each preset’s own defining range
        (e.g. bradycardia always draws HR 35–55 bpm).
      </p>
      <div className="dist-grid">
        {(Object.keys(PARAM_RANGES) as NumericParam[])
          .filter((k) => k !== 'tPolarity')
          .map((k) => (
            <DistributionEditor
              key={k}
              id={k}
              range={PARAM_RANGES[k]}
              dist={spec.params[k]}
              fallback={NORMAL[k] as number}
              hist={hist(k)}
              invalid={badParam.startsWith(`params.${k}`)}
              onChange={(d) => {
                const cur = current();
                const params = { ...cur.params };
                if (d) params[k] = d;
                else delete params[k];
                setSpec({ ...cur, params });
              }}
            />
          ))}
        {(Object.keys(NOISE_RANGES) as NoiseLevelParam[]).map((k) => (
          <DistributionEditor
            key={k}
            id={`noise-${k}`}
            range={NOISE_RANGES[k]}
            dist={spec.noise[k]}
            fallback={0}
            hist={hist(`noise.${k}`)}
            invalid={badParam.startsWith(`noise.${k}`)}
            onChange={(d) => {
              const cur = current();
              const noise = { ...cur.noise };
              if (d) noise[k] = d;
              else delete noise[k];
              setSpec({ ...cur, noise });
            }}
          />
        ))}
      </div>
    </div>
  );
}

/** The generation progress bar: the only part of the designer that follows progress ticks. */
function GenerateProgress() {
  const generating = useDataStore((s) => s.generating);
  if (!generating) return null;
  return (
    <div className="gen-progress">
      <progress max={generating.total || 1} value={generating.done} aria-label="Dataset generation progress" />
      <span>
        {generating.done} / {generating.total}
      </span>
    </div>
  );
}
