import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useExperimentStore } from '../../store/experimentStore';
import { useHistoryStore } from '../../store/historyStore';
import type { LiveRun, RunResults } from '../../core/experiment/contract';
import { liveFromResults, withBatchTraces } from '../../core/experiment/liveRun';
import { LossCurves, stageTitle } from './LossCurves';
import { MaeCurves } from './MaeCurves';
import { ConfusionMatrix } from './ConfusionMatrix';
import { RocCurves } from './RocCurves';
import { ComparisonChart, ComparisonTable, normaliseComparison } from './Comparison';
import { RunProgress } from './RunProgress';
import { EvaluationResults } from './Evaluation';
import { fmtDuration } from './format';
import { comparisonStats, headlineBudget, liveComparison } from './comparisonStats';
import { SweepResults } from './SweepResults';
import { ResultWarnings } from './Warnings';
import { groupWarnings } from './sweepView';
import { Drilldown } from './Drilldown';
import { stagePredictions } from './drillModel';
import { useDrillStore } from '../../store/drillStore';
import { RunStrip } from '../experiment/RunStrip';
import { latestSavedRun } from '../../store/viewActions';
import '../experiment/experiment.css';
import './results.css';
import './drill.css';

function comparisonOf(live: LiveRun, results: RunResults | null, sweep: { budget: number } | null) {
  if (results?.comparison?.length) return normaliseComparison(results.comparison);
  // While running: the table fills in stage by stage (a sweep: its headline cells).
  return normaliseComparison(liveComparison(live.stages, live.cells, sweep));
}

/** Live (or saved) results: stage progress, loss and MAE curves, confusion matrix, ROC, comparison. */
export function ResultsPanel() {
  const liveNow = useExperimentStore((s) => s.live);
  const resultsNow = useExperimentStore((s) => s.results);
  const status = useExperimentStore((s) => s.status);
  const specNow = useExperimentStore((s) => s.spec);
  // Nothing run on this page yet: the latest saved run is shown (History's rows still offer "View").
  const fresh = useExperimentStore((s) => s.runId === null && s.live.stages.length === 0);
  const viewingId = useHistoryStore((s) => s.viewingId ?? (fresh ? (latestSavedRun(s.runs)?.id ?? null) : null));
  const viewed = useHistoryStore((s) => s.runs.find((r) => r.id === viewingId));
  const explicit = useHistoryStore((s) => s.viewingId !== null);
  const view = useHistoryStore((s) => s.view);
  const runIdNow = useExperimentStore((s) => s.runId);
  // The drill-down needs the run's id (its stored models) and the spec it ran (its sources).
  const drillRunId = viewed ? viewed.id : resultsNow ? runIdNow : null;
  const drillSpec = useHistoryStore((s) => s.runs.find((r) => r.id === drillRunId)?.spec) ?? (viewed ? viewed.spec : specNow);

  const { live: liveUrgent, results } = useMemo(() => {
    if (viewed) return { live: viewed.results ? withBatchTraces(liveFromResults(viewed.results), viewed.live) : (viewed.live ?? { stages: [], current: null, log: [] }), results: viewed.results ?? null };
    return { live: liveNow, results: resultsNow };
  }, [viewed, liveNow, resultsNow]);

  // Charts render from a deferred copy: React renders them in the background in small slices, so the main
  // thread is never blocked by a chart update (progress bars use the urgent value).
  const live = useDeferredValue(liveUrgent);
  const classStages = live.stages.filter((s) => s.confusion || s.roc);
  const [picked, setPicked] = useState<string | null>(null);
  const shown = classStages.find((s) => s.name === picked) ?? classStages.find((s) => s.name === live.current) ?? classStages[classStages.length - 1];
  const plan = viewed ? viewed.spec : specNow;
  const drillable = !!shown && shown.confusion?.split === 'test' && !!drillRunId && stagePredictions(results, shown.name)?.task === 'single-label';
  const drillSelect = useDrillStore((s) => s.select);
  const shownName = shown?.name;
  const onCell = useCallback((t: number, p: number) => drillRunId && shownName && drillSelect(drillRunId, { kind: 'cell', stage: shownName, trueClass: t, predClass: p }), [drillRunId, shownName, drillSelect]);
  const sweepBudget = (plan?.repeats ?? 1) > 1 || (plan?.labelBudgets?.length ?? 1) > 1 ? headlineBudget(plan?.labelBudgets) : null;
  const sweep = useMemo(() => (sweepBudget === null ? null : { budget: sweepBudget }), [sweepBudget]);
  const rows = comparisonOf(live, results, sweep);
  const stats = useMemo(() => comparisonStats(results, live.cells, sweep), [results, live.cells, sweep]);
  // Intervals beside what each stage shows (ROC, evaluation table): the run in this page shows every stage's
  // latest cell, so its intervals are that cell's; a saved run shows its headline stages.
  const stageCi = useMemo(() => {
    const out: Record<string, NonNullable<RunResults['stages'][number]['ci']>> = {};
    if (results && (viewed || !live.cells?.length)) for (const st of results.stages) out[st.name] = st.ci ?? {};
    else for (const c of live.cells ?? []) out[c.stage] = c.ci ?? {};
    return out;
  }, [results, live.cells, viewed]);
  const warnings = useMemo(() => groupWarnings(results?.warnings), [results]);
  // A sweep runs each stage many times: the finished run says how long it took; while running, the stages tell.
  const elapsed = results?.seconds ?? live.stages.reduce((a, s) => a + ((s.endedAt ?? (s.startedAt ? Date.now() : 0)) - (s.startedAt ?? 0)), 0) / 1000;

  return (
    <section className="lab-panel lab-results" aria-labelledby="results-title" data-run-status={status}>
      <h2 id="results-title">Results</h2>
      <RunStrip />
      {viewingId && viewed && (
        <div className="lab-banner" role="status">
          Showing saved run “{viewed.name}” from {new Date(viewed.createdAt).toLocaleString()} ({viewed.status}){explicit ? '.' : ', the latest in History.'}
          {explicit && (
            <button type="button" className="lab-btn-small" onClick={() => view(null)}>
              Back to the live run
            </button>
          )}
        </div>
      )}
      {live.stages.length === 0 ? (
        <p className="lab-empty">{status === 'starting' ? 'Preparing data and model…' : 'Start an experiment to see live results here.'}</p>
      ) : (
        <>
          <RunProgress
            live={liveUrgent}
            isLive={!viewed && (status === 'running' || status === 'paused' || status === 'starting')}
            stoppedAs={viewed ? viewed.status : status === 'cancelled' || status === 'cancelling' ? 'cancelled' : status === 'error' ? 'failed' : 'stopped'}
          />
          {!viewingId && elapsed > 0 && <p className="lab-muted">Elapsed {fmtDuration(elapsed)}</p>}

          <h3>Loss</h3>
          <LossCurves stages={live.stages} />

          {live.stages.some((s) => s.epochs.some((p) => Object.keys(p.metrics).some((k) => k.startsWith('mae_')))) && (
            <>
              <h3>Regression error per parameter</h3>
              <MaeCurves stages={live.stages} />
            </>
          )}

          <EvaluationResults stages={live.stages} ci={stageCi} />

          {shown && (
            <>
              <h3>Classification</h3>
              {classStages.length > 1 && (
                <div className="lab-tabs" role="group" aria-label="Stage shown in the confusion matrix and ROC">
                  {classStages.map((s) => (
                    <button key={s.name} type="button" className="lab-btn-small" aria-pressed={s === shown} onClick={() => setPicked(s.name)}>
                      {s.name}
                    </button>
                  ))}
                </div>
              )}
              <div className="lab-results-row">
                {shown.confusion && (
                  <ConfusionMatrix
                    key={shown.name}
                    classes={shown.classes ?? []}
                    matrix={shown.confusion.matrix}
                    title={`Confusion matrix — ${stageTitle(shown)}, ${shown.confusion.split === 'test' ? 'test set' : `validation, epoch ${shown.confusion.epoch ?? '?'}`}`}
                    fileName={`confusion-${shown.name}-${shown.confusion.split}`}
                    data={{ stage: shown.name, split: shown.confusion.split, epoch: shown.confusion.epoch, updates: shown.confusionUpdates }}
                    {...(drillable ? { onCell } : {})}
                  />
                )}
                {shown.roc && (
                  <RocCurves curves={shown.roc.curves} ci={shown.roc.split === 'test' ? stageCi[shown.name] : undefined} title={`ROC — ${shown.name}, ${shown.roc.split === 'test' ? 'test set' : 'validation'}`} fileName={`roc-${shown.name}-${shown.roc.split}`} />
                )}
              </div>
            </>
          )}

          <Drilldown results={results} runId={drillRunId} spec={drillSpec} classStage={shown?.name} />

          {rows.length > 0 && (
            <>
              <h3>Baseline vs transfer</h3>
              <ResultWarnings groups={warnings} />
              <ComparisonTable rows={rows} stats={stats} />
              <ComparisonChart rows={rows} stats={stats} />
            </>
          )}

          <SweepResults results={results} cells={live.cells} stats={live.stats} running={!viewed && (status === 'running' || status === 'paused')} plan={plan} />
        </>
      )}
    </section>
  );
}
