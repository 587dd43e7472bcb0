/**
 * Inside a result: the test records behind a confusion-matrix cell (clicked in the matrix), behind a class's
 * TP / FP / FN / TN at an operating point (the per-class table; multi-label and single-label one-vs-rest), or
 * behind a regression scatter (click a point). The list sorts by confidence; a row opens the record's ECG with
 * the model's output and the saliency strip (DrillRecord).
 */
import { useMemo, useState } from 'react';
import type { ExperimentSpec, RunResults, StageResult } from '../../core/experiment/contract';
import type { RocPoint } from '../../core/ml/metrics';
import { useDrillStore } from '../../store/drillStore';
import { DrillRecord } from './DrillRecord';
import { classCounts, classificationRows, OUTCOMES, regressionRows, sortRows, stagePredictions, type DrillRow, type DrillSelection } from './drillModel';
import { fmt, targetLabel } from './format';
import { unitOf } from './Evaluation';

const OUTCOME_TEXT = { TP: 'true positives', FP: 'false positives', FN: 'false negatives', TN: 'true negatives' } as const;

function selectionTitle(sel: DrillSelection, results: RunResults): string {
  const p = sel.kind === 'points' ? undefined : stagePredictions(results, sel.stage);
  const cls = (c: number) => p?.classes[c] ?? `class ${c}`;
  if (sel.kind === 'cell') return `true ${cls(sel.trueClass)}, predicted ${cls(sel.predClass)} — ${sel.stage}, test set`;
  if (sel.kind === 'class') return `${cls(sel.cls)}: ${OUTCOME_TEXT[sel.outcome]} at threshold ${sel.threshold} — ${sel.stage}, test set`;
  return `${targetLabel(sel.target)}: test records, predicted vs true — ${sel.stage}`;
}

const RW = 200;
const RP = 24;

/**
 * A class's test ROC curve with its operating points as buttons: a click moves the threshold there and lists the
 * records on the wrong side of it (false positives, else false negatives, else true positives).
 */
function RocPicker({ curves, classes, cls, setCls, threshold, onPoint }: { curves: RocPoint[][]; classes: string[]; cls: number; setCls: (c: number) => void; threshold: number; onPoint: (t: number) => void }) {
  const pts = (curves[cls] ?? []).filter((q) => Number.isFinite(q.threshold));
  const sx = (v: number) => RP + v * (RW - RP - 6);
  const sy = (v: number) => RW - RP - v * (RW - RP - 6);
  return (
    <div className="drill-roc" data-testid="drill-roc" data-class={classes[cls]}>
      <label className="lab-small">
        ROC operating points of{' '}
        <select className="lab-select-small" aria-label="ROC class" value={cls} onChange={(e) => setCls(Number(e.target.value))}>
          {classes.map((c, i) => (
            <option key={c} value={i}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <svg width={RW} height={RW} role="group" aria-label={`ROC of ${classes[cls]} on the test set: click an operating point to list its records`}>
        <rect x={sx(0)} y={sy(1)} width={sx(1) - sx(0)} height={sy(0) - sy(1)} fill="none" stroke="#ccc" />
        <line x1={sx(0)} y1={sy(0)} x2={sx(1)} y2={sy(1)} stroke="#999" strokeDasharray="4 3" />
        <polyline points={pts.map((q) => `${sx(q.fpr)},${sy(q.tpr)}`).join(' ')} fill="none" stroke="#1856a8" />
        <text x={RW / 2} y={RW - 6} textAnchor="middle" fontSize={10} fill="currentColor">FPR</text>
        <text x={8} y={RW / 2} textAnchor="middle" fontSize={10} fill="currentColor" transform={`rotate(-90 8 ${RW / 2})`}>TPR</text>
        {pts.map((q, i) => (
          <circle
            key={i}
            cx={sx(q.fpr)}
            cy={sy(q.tpr)}
            r={q.threshold === threshold ? 5 : 3.5}
            className="drill-point"
            data-testid="drill-roc-point"
            data-threshold={q.threshold}
            role="button"
            tabIndex={0}
            fill={q.threshold === threshold ? '#c81414' : '#1856a8'}
            fillOpacity={0.75}
            aria-label={`threshold ${fmt(q.threshold, 3)}: TPR ${fmt(q.tpr, 2)}, FPR ${fmt(q.fpr, 2)}`}
            onClick={() => onPoint(q.threshold)}
            onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onPoint(q.threshold)}
          />
        ))}
      </svg>
    </div>
  );
}

/** Per class at a threshold: TP / FP / FN / TN (each a button listing its records) and the ROC operating point. */
function ClassOutcomes({ results, runId, stage }: { results: RunResults; runId: string; stage: string }) {
  const p = stagePredictions(results, stage);
  const [threshold, setThreshold] = useState(0.5);
  const [rocCls, setRocCls] = useState(0);
  const select = useDrillStore((s) => s.select);
  const rows = useMemo(() => (p ? classCounts(p, threshold) : []), [p, threshold]);
  const curves = results.stages.find((s) => s.name === stage)?.roc?.curves;
  if (!p) return null;
  const onPoint = (t: number) => {
    setThreshold(t);
    const c = classCounts(p, t)[rocCls].counts;
    const outcome = c.FP > 0 ? 'FP' : c.FN > 0 ? 'FN' : 'TP';
    select(runId, { kind: 'class', stage, cls: rocCls, outcome, threshold: t });
  };
  return (
    <div className="drill-outcomes" data-testid="drill-class-table">
      {curves && curves.length === p.classes.length && <RocPicker curves={curves} classes={p.classes} cls={rocCls} setCls={setRocCls} threshold={threshold} onPoint={onPoint} />}
      <div className="drill-head">
        <strong>Per class, one vs rest{p.task === 'multi-label' ? ' (multi-label)' : ''} — {stage}</strong>
        <label className="lab-small">
          Operating point: threshold{' '}
          <input type="number" min={0} max={1} step={0.05} value={threshold} aria-label="Decision threshold" onChange={(e) => Number.isFinite(e.target.valueAsNumber) && setThreshold(Math.max(0, Math.min(1, e.target.valueAsNumber)))} />
        </label>
      </div>
      <div className="lab-table-wrap">
        <table className="lab-table">
          <thead>
            <tr>
              <th scope="col">Class</th>
              {OUTCOMES.map((o) => (
                <th key={o} scope="col" title={`${OUTCOME_TEXT[o]} (predicted when p ≥ threshold)`}>
                  {o}
                </th>
              ))}
              <th scope="col">TPR</th>
              <th scope="col">FPR</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.cls} data-class={p.classes[r.cls]}>
                <th scope="row">{p.classes[r.cls]}</th>
                {OUTCOMES.map((o) => (
                  <td key={o}>
                    <button type="button" className="lab-btn-small" data-testid="drill-outcome" data-outcome={o} disabled={r.counts[o] === 0} aria-label={`${p.classes[r.cls]}: ${r.counts[o]} ${OUTCOME_TEXT[o]}`} onClick={() => select(runId, { kind: 'class', stage, cls: r.cls, outcome: o, threshold })}>
                      {r.counts[o]}
                    </button>
                  </td>
                ))}
                <td>{fmt(r.tpr, 2)}</td>
                <td>{fmt(r.fpr, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

const SW = 300;
const SH = 220;
const PAD = 34;

/** A predicted-vs-true scatter whose points are buttons (the record opens below). */
function DrillScatter({ results, runId, stages }: { results: RunResults; runId: string; stages: StageResult[] }) {
  const [stageName, setStage] = useState(stages[0].name);
  const st = stages.find((s) => s.name === stageName) ?? stages[0];
  const preds = (st.predictions ?? []).filter((q) => q.ids);
  const [targetPick, setTarget] = useState<string | null>(null);
  const pr = preds.find((q) => q.target === targetPick) ?? preds[0];
  const select = useDrillStore((s) => s.select);
  const sel = useDrillStore((s) => s.selection);
  if (!pr) return null;
  const vals = [...pr.true, ...pr.pred].filter(Number.isFinite);
  const lo = Math.min(...vals);
  const hi = Math.max(...vals);
  const span = hi > lo ? hi - lo : 1;
  const sx = (v: number) => PAD + ((v - lo) / span) * (SW - PAD - 8);
  const sy = (v: number) => SH - PAD + 8 - ((v - lo) / span) * (SH - PAD - 8);
  const u = unitOf(pr.target);
  const picked = sel?.kind === 'points' && sel.stage === st.name && sel.target === pr.target ? sel.id : undefined;
  return (
    <div className="drill-scatter" data-testid="drill-scatter" data-stage={st.name} data-target={pr.target}>
      <div className="drill-head">
        <strong>Predicted vs true (test set)</strong>
        {stages.length > 1 && (
          <select className="lab-select-small" aria-label="Regression stage" value={st.name} onChange={(e) => setStage(e.target.value)}>
            {stages.map((s) => (
              <option key={s.name}>{s.name}</option>
            ))}
          </select>
        )}
        {preds.length > 1 && (
          <select className="lab-select-small" aria-label="Target" value={pr.target} onChange={(e) => setTarget(e.target.value)}>
            {preds.map((q) => (
              <option key={q.target} value={q.target}>
                {targetLabel(q.target)}
              </option>
            ))}
          </select>
        )}
      </div>
      <svg width={SW} height={SH} role="group" aria-label={`${targetLabel(pr.target)} predicted vs true, ${st.name}: ${pr.ids!.length} records; click a point to open its record`}>
        <line x1={sx(lo)} y1={sy(lo)} x2={sx(hi)} y2={sy(hi)} stroke="#999" strokeDasharray="4 3" />
        <text x={SW / 2} y={SH - 4} textAnchor="middle" fontSize={10} fill="currentColor">true {u}</text>
        <text x={10} y={SH / 2} textAnchor="middle" fontSize={10} fill="currentColor" transform={`rotate(-90 10 ${SH / 2})`}>predicted {u}</text>
        <text x={PAD} y={SH - PAD + 20} fontSize={9} fill="currentColor">{fmt(lo, 0)}</text>
        <text x={SW - 8} y={SH - PAD + 20} fontSize={9} textAnchor="end" fill="currentColor">{fmt(hi, 0)}</text>
        {/* the picked point is drawn last, on top of any it overlaps */}
        {[...pr.ids!.keys()].sort((a, b) => Number(pr.ids![a] === picked) - Number(pr.ids![b] === picked)).map((i) => [pr.ids![i], i] as const).map(([id, i]) =>
          Number.isFinite(pr.true[i]) && Number.isFinite(pr.pred[i]) ? (
            <circle
              key={id}
              cx={sx(pr.true[i])}
              cy={sy(pr.pred[i])}
              r={id === picked ? 5 : 3.2}
              className="drill-point"
              data-testid="drill-point"
              data-id={id}
              role="button"
              tabIndex={0}
              aria-label={`record ${id}: true ${fmt(pr.true[i], 1)} ${u}, predicted ${fmt(pr.pred[i], 1)} ${u}`}
              fill={id === picked ? '#c81414' : '#1856a8'}
              fillOpacity={0.7}
              onClick={() => select(runId, { kind: 'points', stage: st.name, target: pr.target, id }, id)}
              onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && select(runId, { kind: 'points', stage: st.name, target: pr.target, id }, id)}
            />
          ) : null,
        )}
      </svg>
    </div>
  );
}

function DrillList({ rows, sel, title, recordId, onPick, regression }: { rows: DrillRow[]; sel: DrillSelection; title: string; recordId: string | null; onPick: (id: string) => void; regression: boolean }) {
  const [dir, setDir] = useState<'asc' | 'desc'>('desc');
  const sorted = useMemo(() => sortRows(rows, dir), [rows, dir]);
  const confName = regression ? 'Error' : sel.kind === 'class' ? 'Probability' : 'Confidence';
  return (
    <div className="drill-list" data-testid="drill-list" data-count={rows.length} data-sort={dir}>
      <p className="drill-caption">
        <strong>{rows.length}</strong> test record{rows.length === 1 ? '' : 's'}: {title}
      </p>
      <div className="lab-table-wrap drill-scroll">
        <table className="lab-table">
          <thead>
            <tr>
              <th scope="col">Record</th>
              <th scope="col">{regression ? 'True' : 'True label(s)'}</th>
              <th scope="col">Predicted</th>
              <th scope="col" aria-sort={dir === 'asc' ? 'ascending' : 'descending'}>
                <button type="button" className="drill-sort" data-testid="drill-sort" onClick={() => setDir(dir === 'asc' ? 'desc' : 'asc')} title={regression ? 'Sort by |predicted − true|' : 'Sort by the probability of the predicted class'}>
                  {confName} {dir === 'asc' ? '▲' : '▼'}
                </button>
              </th>
              {!regression && <th scope="col">Class probabilities</th>}
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.id} data-testid="drill-row" data-id={r.id} data-confidence={r.confidence} aria-selected={r.id === recordId} className={r.id === recordId ? 'drill-picked' : undefined} onClick={() => onPick(r.id)}>
                <td>
                  <button type="button" className="drill-open" onClick={() => onPick(r.id)} aria-label={`Open record ${r.id}`}>
                    {r.id}
                  </button>
                </td>
                <td>{r.truth}</td>
                <td>{r.predicted}</td>
                <td>{regression ? fmt(-r.confidence, 1) : fmt(r.confidence, 3)}</td>
                {!regression && <td className="drill-probs-cell">{r.probs?.map((v) => v.toFixed(2)).join(' · ')}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function Drilldown({ results, runId, spec, classStage }: { results: RunResults | null; runId: string | null; spec: ExperimentSpec | null | undefined; classStage?: string }) {
  const state = useDrillStore();
  const regStages = useMemo(() => (results?.stages ?? []).filter((s) => s.task === 'regression' && s.predictions?.some((q) => q.ids?.length)), [results]);
  const sel = state.runId === runId ? state.selection : null;
  const p = sel && sel.kind !== 'points' ? stagePredictions(results, sel.stage) : undefined;
  const rows = useMemo(() => {
    if (!sel || !results) return [];
    if (sel.kind === 'points') return regressionRows(results.stages.find((s) => s.name === sel.stage), sel.target);
    return p ? classificationRows(p, sel) : [];
  }, [sel, results, p]);
  if (!results || !runId) return null;
  const hasClass = !!classStage && !!stagePredictions(results, classStage);
  if (!hasClass && regStages.length === 0) return null;
  const recordId = state.runId === runId ? state.recordId : null;
  const st = sel ? results.stages.find((s) => s.name === sel.stage) : undefined;
  return (
    <section className="drill" aria-label="Test records behind a result" data-testid="drilldown">
      <h3>Inside the result: test records</h3>
      <p className="lab-muted lab-small">
        {hasClass ? 'Click a cell of the confusion matrix or a count below' : 'Click a point'} to list its test records; pick one to see its ECG, the model’s output and why.
      </p>
      <div className="drill-pickers">
        {hasClass && <ClassOutcomes results={results} runId={runId} stage={classStage!} />}
        {regStages.length > 0 && <DrillScatter results={results} runId={runId} stages={regStages} />}
      </div>
      {sel && st && (
        <DrillList key={JSON.stringify(sel)} rows={rows} sel={sel} title={selectionTitle(sel, results)} recordId={recordId} onPick={(id) => state.pick(id)} regression={sel.kind === 'points'} />
      )}
      {sel && st && recordId && spec && (
        <DrillRecord key={`${sel.stage}|${recordId}|${sel.kind === 'class' ? sel.cls : ''}`} runId={runId} spec={spec} results={results} stage={st} selection={sel} row={rows.find((r) => r.id === recordId)} recordId={recordId} predictions={p} />
      )}
    </section>
  );
}
