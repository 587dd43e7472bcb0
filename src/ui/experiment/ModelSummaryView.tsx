import { useEffect, useMemo, useState } from 'react';
import type { ModelSummary, SpecDescription } from '../../core/experiment/contract';
import { datasetInfo } from '../../core/data/sharedSamples';
import { shortFingerprint } from '../../core/experiment/datasetMatch';
import { useExperimentStore } from '../../store/experimentStore';
import { withTrainWorker } from '../../../workers/trainClient';
import { fmtDuration } from '../results/format';
import { resolveData } from '../../store/runActions';
import { matchLoaded, useDataStore } from '../../store/dataStore';

function fmtCount(n: number): string {
  return n.toLocaleString('en-US').replace(/,/g, ' ');
}

/** Multiply–adds as model tables quote them (MACs). */
function fmtMacs(m: number): string {
  if (m >= 1e9) return `${(m / 1e9).toFixed(2)} GMACs`;
  if (m >= 1e6) return `${(m / 1e6).toFixed(1)} MMACs`;
  return `${(m / 1e3).toFixed(1)} kMACs`;
}

function fmtFlops(f: number): string {
  if (f >= 1e9) return `${(f / 1e9).toFixed(2)} GFLOPs`;
  if (f >= 1e6) return `${(f / 1e6).toFixed(1)} MFLOPs`;
  return `${(f / 1e3).toFixed(1)} kFLOPs`;
}

/**
 * Model summary per training stage (architecture, layers, parameters, multiply–adds and FLOPs per sample) and the
 * estimated cost, from the worker. Stages of the same architecture and output size share one summary; a spec whose
 * stages train different models (the model comparison) shows one per model.
 */
export function ModelSummaryView() {
  const spec = useExperimentStore((s) => s.spec);
  const status = useExperimentStore((s) => s.status);
  const specError = useExperimentStore((s) => s.specError);
  const setRun = useExperimentStore((s) => s._setRun);
  const [desc, setDesc] = useState<SpecDescription | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const busy = status === 'starting' || status === 'running' || status === 'paused' || status === 'cancelling';
  const loaded = useDataStore((s) => s.datasets);
  // The input geometry and the estimates depend on the imported data: without it there is nothing to compute.
  const missing = useMemo(() => (spec ? matchLoaded(spec, loaded).filter((m) => !m.dataset) : []), [spec, loaded]);
  const needsData = missing.length > 0 && !busy;

  useEffect(() => {
    if (busy || !spec || specError || needsData) return;
    let live = true;
    const t = setTimeout(() => {
      const data = resolveData(spec);
      const datasets = data.ok ? data.datasets : [];
      withTrainWorker((api) => api.describe(spec, datasets.map(datasetInfo)))
        .then((d) => {
          if (!live) return;
          setDesc(d);
          setErr(null);
          // Before any run, the badge shows the backend the next run will use.
          if (!useExperimentStore.getState().runId) setRun({ backend: d.backend });
        })
        .catch((e) => live && setErr(e instanceof Error ? e.message : String(e)));
    }, 300);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [spec, busy, specError, setRun, needsData]);

  if (needsData)
    return (
      <p className="muted" data-testid="model-summary-needs-data">
        The model summary and time estimate need the imported data:{' '}
        {missing.map((m, i) => (
          <span key={m.ref.key}>
            {i > 0 && ', '}
            <strong>{m.ref.name}</strong>
            {m.ref.fingerprint ? (
              <>
                {' '}(fingerprint <code title={m.ref.fingerprint}>{shortFingerprint(m.ref.fingerprint)}</code>)
              </>
            ) : null}
          </span>
        ))}
        . Drop {missing.length === 1 ? 'it' : 'them'} in the Data panel.
      </p>
    );
  if (err) return <p className="alert error inline">Model summary unavailable: {err}</p>;
  if (!desc) return <p className="muted">Computing the model summary…</p>;
  const { plan, backend } = desc;
  // Stages with the same architecture and output size share one summary.
  const groups = new Map<string, { stages: string[]; summary: ModelSummary; nOut: number; model: string }>();
  for (const st of plan.stages) {
    const model = st.model ?? spec?.model.kind ?? '';
    const key = `${model}|${st.summary.name}|${st.nOut}|${st.summary.trainableParams}`;
    const g = groups.get(key);
    if (g) g.stages.push(st.stage);
    else groups.set(key, { stages: [st.stage], summary: st.summary, nOut: st.nOut, model });
  }
  const models = [...new Set([...groups.values()].map((g) => g.model))];
  const modelKind = models.length > 0 ? models.join(', ') : (spec?.model.kind ?? '');
  return (
    <div className="lab-model-summary" data-testid="model-summary">
      <dl className="lab-kv">
        <dt>{models.length > 1 ? 'Models' : 'Model'}</dt>
        <dd>{modelKind}</dd>
        <dt>Input</dt>
        <dd>
          {plan.leads.length} lead{plan.leads.length === 1 ? '' : 's'} ({plan.leads.join(', ')}) × {plan.nSamples} samples at {plan.fs} Hz
        </dd>
        <dt>Estimated time</dt>
        <dd data-testid="epoch-estimate">
          {plan.estTotalSeconds !== null ? `≈ ${fmtDuration(plan.estTotalSeconds)} of training on ${backend.backend} (rough; refined from measured speed once running)` : 'unknown until the imported data is loaded'}
        </dd>
      </dl>
      {[...groups.values()].map(({ stages, summary, nOut, model }, gi) => (
        <div key={stages.join(',')} data-testid="model-summary-group" data-model={model}>
          <dl className="lab-kv">
            {models.length > 1 && (
              <>
                <dt>Architecture</dt>
                <dd>{model}</dd>
              </>
            )}
            <dt>{stages.length > 1 ? 'Stages' : 'Stage'}</dt>
            <dd>
              {stages.join(', ')} <span className="muted">({nOut} output{nOut === 1 ? '' : 's'})</span>
            </dd>
            <dt>Parameters</dt>
            <dd data-testid={gi === 0 ? 'param-count' : undefined}>
              {fmtCount(summary.trainableParams)} trainable{summary.nonTrainableParams ? ` + ${fmtCount(summary.nonTrainableParams)} non-trainable` : ''}
            </dd>
            <dt>Compute</dt>
            <dd data-testid={gi === 0 ? 'macs' : undefined}>
              {fmtMacs(summary.macsPerSample)} ({fmtFlops(summary.flopsPerSample)}) per sample (forward)
            </dd>
            <dt>Per epoch</dt>
            <dd>
              {plan.stages
                .filter((p) => stages.includes(p.stage))
                .map((p) => (p.estSecondsPerEpoch !== null ? `${p.stage}: ≈ ${fmtDuration(p.estSecondsPerEpoch)}${p.estTrainRecords ? ` (${p.estTrainRecords} training records)` : ''}` : `${p.stage}: unknown`))
                .join('; ')}
            </dd>
          </dl>
          <details>
            <summary>{summary.layers.length} layers</summary>
            <div className="lab-table-wrap lab-layers">
              <table className="lab-table">
                <thead>
                  <tr>
                    <th scope="col">Layer</th>
                    <th scope="col">Type</th>
                    <th scope="col">Output</th>
                    <th scope="col">Params</th>
                    <th scope="col">MACs</th>
                    <th scope="col">FLOPs</th>
                  </tr>
                </thead>
                <tbody>
                  {summary.layers.map((l) => (
                    <tr key={l.name}>
                      <td>{l.name}</td>
                      <td>{l.type}</td>
                      <td>{l.outputShape.slice(1).join('×')}</td>
                      <td>{fmtCount(l.params)}</td>
                      <td>{l.macs ? fmtMacs(l.macs) : ''}</td>
                      <td>{l.flops ? fmtFlops(l.flops) : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </div>
      ))}
    </div>
  );
}
