/** Signal designer: one record with a live preview, or dataset mode (parameter distributions → generate). */
import { lazy, Suspense, useEffect } from 'react';
import { MORPHOLOGY_PRESETS, type MorphologyPreset } from '../../core/signal/types';
import { LeadsSelect, RateSelect } from './FormatFields';
import { requestPreview, useDesignerStore } from '../../store/designerStore';
import { runSyntheticDemo } from '../shell/demo';
import { EcgViewer } from '../ecg/EcgViewer';
import { LabelCards } from './LabelCards';
import { PRESET_LABELS } from './presetLabels';
import { RecordControls } from './RecordControls';
import { DomainGapCard } from './DomainGapCard';

const DatasetDesigner = lazy(() => import('./DatasetDesigner').then((m) => ({ default: m.DatasetDesigner })));

export function DesignerPanel() {
  const mode = useDesignerStore((s) => s.mode);
  const setMode = useDesignerStore((s) => s.setMode);
  return (
    <section className="designer" aria-labelledby="designer-title">
      <div className="panel-head">
        <h2 id="designer-title">Signal designer</h2>
        <div className="segmented" role="radiogroup" aria-label="Designer mode">
          <button type="button" role="radio" aria-checked={mode === 'record'} className={mode === 'record' ? 'on' : ''} onClick={() => setMode('record')}>
            One record
          </button>
          <button type="button" role="radio" aria-checked={mode === 'dataset'} className={mode === 'dataset' ? 'on' : ''} onClick={() => setMode('dataset')}>
            Dataset
          </button>
        </div>
        <div className="demo-callout">
          <span>New here? The default demo pretrains on synthetic ECGs and transfers to classification in about a minute.</span>
          <button type="button" className="btn primary" onClick={() => void runSyntheticDemo()}>
            Run the synthetic demo →
          </button>
        </div>
      </div>
      {mode === 'record' ? (
        <RecordDesigner />
      ) : (
        <Suspense fallback={<p className="muted">Loading dataset designer…</p>}>
          <DatasetDesigner />
        </Suspense>
      )}
      {mode === 'dataset' && <DomainGapCard />}
    </section>
  );
}

function RecordDesigner() {
  const params = useDesignerStore((s) => s.params);
  const opts = useDesignerStore((s) => s.opts);
  const preview = useDesignerStore((s) => s.preview);
  const ms = useDesignerStore((s) => s.previewMs);
  const err = useDesignerStore((s) => s.previewError);
  const applyPreset = useDesignerStore((s) => s.applyPreset);
  const setOption = useDesignerStore((s) => s.setOption);
  const newSeed = useDesignerStore((s) => s.newSeed);

  useEffect(() => {
    if (!useDesignerStore.getState().preview) requestPreview();
  }, []);

  return (
    <>
      <div className="designer-top">
        <div className="field">
          <label htmlFor="preset">Morphology preset</label>
          <select id="preset" value={params.preset} onChange={(e) => applyPreset(e.target.value as MorphologyPreset)}>
            {MORPHOLOGY_PRESETS.map((p) => (
              <option key={p} value={p}>
                {PRESET_LABELS[p]}
              </option>
            ))}
          </select>
        </div>
        <LeadsSelect id="leads" value={opts.leads} onChange={(v) => setOption('leads', v)} />
        <RateSelect id="fs" value={opts.fs} onChange={(v) => setOption('fs', v)} />
        <div className="field">
          <label htmlFor="seconds">Duration (s)</label>
          <input
            id="seconds"
            type="number"
            min={2}
            max={60}
            step={1}
            value={opts.seconds}
            onChange={(e) => {
              const v = Number(e.target.value);
              if (Number.isFinite(v) && v >= 2 && v <= 60) setOption('seconds', v);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="seed">Seed</label>
          <span className="inline">
            <input
              id="seed"
              type="number"
              min={1}
              step={1}
              value={opts.seed}
              onChange={(e) => {
                const v = Math.floor(Number(e.target.value));
                if (Number.isFinite(v) && v >= 0) setOption('seed', v);
              }}
            />
            <button type="button" className="btn small" onClick={newSeed} aria-label="New random seed">
              ⟳ New
            </button>
          </span>
        </div>
        <LabelCards labels={preview?.labels ?? null} />
      </div>
      {err && (
        <div role="alert" className="alert error" data-testid="preview-error">
          {err.message}
        </div>
      )}
      {preview ? (
        <EcgViewer
          testId="designer-ecg"
          label="Synthetic ECG preview"
          signals={preview.signals}
          leadNames={preview.leadNames}
          fs={preview.fs}
          beats={preview.beats}
          layout="single"
          lead={preview.leadNames.length > 1 ? 1 : 0}
          showIntervals
          initialZoom={1.5}
        />
      ) : (
        <div className="ecg-placeholder muted">{err ? 'No preview.' : 'Synthesizing…'}</div>
      )}
      <p className="preview-meta muted" data-testid="preview-meta">
        {preview && `${preview.leadNames.length} lead${preview.leadNames.length > 1 ? 's' : ''} · ${preview.beats.length} beats · ${preview.fs} Hz`}
        {ms && ` · synthesized in ${ms.synth.toFixed(1)} ms (update ${ms.total.toFixed(0)} ms)`}
      </p>
      <RecordControls />
    </>
  );
}
