import { useEffect, useState } from 'react';
import type { EcgDataset } from '../../core/data/dataset';
import { useExperimentStore } from '../../store/experimentStore';
import { withTrainWorker } from '../../../workers/trainClient';
import type { SpecDescription } from '../../../workers/train.worker';
import { fmtDuration } from '../results/format';
import { validateSpec } from './specAccess';
import { datasetsFor } from './runController';

function fmtCount(n: number): string {
  return n.toLocaleString('en-US').replace(/,/g, ' ');
}

function fmtFlops(f: number): string {
  if (f >= 1e9) return `${(f / 1e9).toFixed(2)} GFLOPs`;
  if (f >= 1e6) return `${(f / 1e6).toFixed(1)} MFLOPs`;
  return `${(f / 1e3).toFixed(1)} kFLOPs`;
}

/** Model summary (layers, parameters, FLOPs per sample) and the estimated cost per epoch, computed in the worker. */
export function ModelSummaryView() {
  const spec = useExperimentStore((s) => s.spec);
  const status = useExperimentStore((s) => s.status);
  const setRun = useExperimentStore((s) => s._setRun);
  const [desc, setDesc] = useState<SpecDescription | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const busy = status === 'starting' || status === 'running' || status === 'paused' || status === 'cancelling';

  useEffect(() => {
    if (busy || !spec) return;
    const v = validateSpec(spec);
    if (!v.ok) return;
    let live = true;
    const t = setTimeout(() => {
      let datasets: EcgDataset[];
      try {
        datasets = datasetsFor(v.spec);
      } catch {
        datasets = [];
      }
      withTrainWorker((api) => api.describe(v.spec, datasets))
        .then((d) => {
          if (!live) return;
          setDesc(d);
          setErr(null);
          if (!useExperimentStore.getState().runId) setRun({ backend: d.backend });
        })
        .catch((e) => live && setErr(e instanceof Error ? e.message : String(e)));
    }, 400);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [spec, busy, setRun]);

  if (err) return <p className="alert error inline">Model summary unavailable: {err}</p>;
  if (!desc) return <p className="muted">Computing the model summary…</p>;
  return (
    <div className="lab-model-summary" data-testid="model-summary">
      {desc.models.map(({ stage, summary }) => (
        <div key={stage}>
          <dl className="lab-kv">
            <dt>Model</dt>
            <dd>{stage}</dd>
            <dt>Input</dt>
            <dd>{summary.inputShape.slice(1).join(' × ')} (samples × leads)</dd>
            <dt>Parameters</dt>
            <dd data-testid="param-count">
              {fmtCount(summary.trainableParams)} trainable{summary.nonTrainableParams ? ` + ${fmtCount(summary.nonTrainableParams)} non-trainable` : ''}
            </dd>
            <dt>Compute</dt>
            <dd>{fmtFlops(summary.flopsPerSample)} per sample (forward)</dd>
            <dt>Cost per epoch</dt>
            <dd data-testid="epoch-estimate">
              {desc.epochSeconds !== null ? `≈ ${fmtDuration(desc.epochSeconds)} on ${desc.backend.name}${desc.trainRecords ? ` (${desc.trainRecords} training records)` : ''}` : 'unknown until the data is known'}
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
