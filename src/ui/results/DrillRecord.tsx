/**
 * One drilled-down test record: its ECG in the viewer (from the data worker), the model's class probabilities
 * (or true vs predicted value) beside it, and "Why this prediction": the saliency strip of the stored model of the
 * stage, computed in the training worker (Grad-CAM on the last convolution, or integrated gradients).
 */
import { useEffect, useMemo, useState } from 'react';
import type { ExperimentSpec, RunResults, StageResult } from '../../core/experiment/contract';
import type { StagePredictions } from '../../core/experiment/results';
import type { ExplainAnswer, ExplainMethod } from '../../core/ml/explain/request';
import { displayLeadName } from '../../core/data/leadDisplay';
import { explainDrillRecord, loadDrillRecord, type DrillLoaded } from '../../store/drillActions';
import { useUiStore } from '../../store/uiStore';
import { EcgViewer } from '../ecg/EcgViewer';
import { SaliencyStrip } from '../ecg/SaliencyStrip';
import { explainedOutput, type DrillRow, type DrillSelection } from './drillModel';
import { fmt, targetLabel } from './format';
import { unitOf } from './Evaluation';

function Probabilities({ p, row, explained, onExplain }: { p: StagePredictions; row: DrillRow; explained: number; onExplain: (c: number) => void }) {
  const probs = row.probs ?? [];
  return (
    <div className="drill-probs" data-testid="drill-probs" aria-label="Model's class probabilities">
      <strong>Model output</strong>
      <ul>
        {p.classes.map((c, i) => (
          <li key={c} data-class={c} data-prob={probs[i]}>
            <button type="button" className="drill-prob-name" aria-pressed={i === explained} title="Explain this class" onClick={() => onExplain(i)}>
              {c}
            </button>
            <span className="drill-bar" aria-hidden="true">
              <span style={{ width: `${Math.round((probs[i] ?? 0) * 100)}%` }} />
            </span>
            <span className="drill-pct">{((probs[i] ?? 0) * 100).toFixed(1)} %</span>
          </li>
        ))}
      </ul>
      <p className="lab-muted lab-small">
        True: {row.truth}. Predicted: {row.predicted}. {p.task === 'multi-label' ? 'Sigmoid per class.' : 'Softmax over the classes.'}
      </p>
    </div>
  );
}

export function DrillRecord({ runId, spec, results, stage, selection, row, recordId, predictions }: { runId: string; spec: ExperimentSpec; results: RunResults; stage: StageResult; selection: DrillSelection; row: DrillRow | undefined; recordId: string; predictions?: StagePredictions }) {
  const [rec, setRec] = useState<DrillLoaded | null>(null);
  const [why, setWhy] = useState<ExplainAnswer | null>(null);
  const [method, setMethod] = useState<ExplainMethod>('grad-cam');
  const targets = stage.targets ?? (stage.target ? [stage.target] : []);
  const initial = row ? explainedOutput(predictions, selection, row, targets) : 0;
  const [output, setOutput] = useState(Math.max(0, initial));
  const open = useUiStore((s) => s.setPanel);

  useEffect(() => {
    let live = true;
    setRec(null);
    void loadDrillRecord(spec, results, stage.source, recordId).then((r) => live && setRec(r));
    return () => {
      live = false;
    };
  }, [spec, results, stage.source, recordId]);

  useEffect(() => {
    if (!rec?.ok) return;
    let live = true;
    setWhy(null);
    void explainDrillRecord({ runId, spec, results, stage: stage.name, samples: rec.samples, output, method }).then((a) => live && setWhy(a));
    return () => {
      live = false;
    };
  }, [rec, runId, spec, results, stage, output, method]);

  const leadNames = useMemo(() => (rec?.ok ? rec.view.leadNames.map(displayLeadName) : []), [rec]);
  const target = targets[output];
  return (
    <div className="drill-record" data-testid="drill-record" data-id={recordId}>
      <h4>
        Record {recordId} <span className="lab-muted">({stage.name}, test set{rec?.ok ? `, ${rec.datasetName}` : ''})</span>
      </h4>
      {!rec && <p className="lab-muted">Loading the record…</p>}
      {rec && !rec.ok && (
        <div role="alert" className="lab-banner lab-banner-error" data-testid="drill-missing">
          {rec.reason}
          {rec.missing && (
            <button type="button" className="lab-btn-small" onClick={() => open('data')}>
              Open the Data panel
            </button>
          )}
        </div>
      )}
      {rec?.ok && (
        <div className="drill-record-body">
          <div className="drill-ecg">
            <EcgViewer testId="drill-ecg" label={`Test record ${recordId}`} signals={rec.view.signals} leadNames={leadNames} fs={rec.view.fs} beats={rec.view.beats} annotations={rec.view.annotations} layout={rec.view.leadNames.length >= 12 ? 'grid' : 'stack'} />
          </div>
          {predictions && row ? (
            <Probabilities p={predictions} row={row} explained={output} onExplain={setOutput} />
          ) : (
            row && (
              <div className="drill-probs" data-testid="drill-probs">
                <strong>Model output</strong>
                <p>
                  {targetLabel(target)}: predicted <strong>{row.predicted}</strong> {unitOf(target ?? '')}, true {row.truth} {unitOf(target ?? '')} (error {fmt(-row.confidence, 1)} {unitOf(target ?? '')}).
                </p>
              </div>
            )
          )}
        </div>
      )}
      {rec?.ok && (
        <div className="drill-why" data-testid="drill-why">
          <div className="drill-head">
            <strong>
              Why this prediction{' '}
              <span className="lab-muted">
                — explaining {stage.task === 'regression' ? `the predicted ${targetLabel(target)}` : `class “${predictions?.classes[output] ?? output}”`}
              </span>
            </strong>
            <select className="lab-select-small" aria-label="Saliency method" value={method} onChange={(e) => setMethod(e.target.value as ExplainMethod)}>
              <option value="grad-cam">Grad-CAM (last convolution)</option>
              <option value="integrated-gradients">Integrated gradients</option>
            </select>
          </div>
          {!why && <p className="lab-muted" data-testid="saliency-pending">Computing the saliency in the training worker…</p>}
          {why && !why.ok && (
            <p role="alert" className="lab-error-text" data-testid="saliency-error">
              No saliency: {why.error}
            </p>
          )}
          {why?.ok && <SaliencyStrip explanation={why.explanation} samples={rec.samples} />}
        </div>
      )}
    </div>
  );
}
