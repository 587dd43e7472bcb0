import { useEffect, useId, useMemo, useState } from 'react';
import type { ExperimentSpec } from '../../core/experiment/contract';
import { shortFingerprint } from '../../core/experiment/datasetMatch';
import { useExperimentStore } from '../../store/experimentStore';
import { matchLoaded, useDataStore } from '../../store/dataStore';
import { validateSpec } from '../../store/engineActions';
import { presetDescription, presetNames, presetSpec, stagesOf } from './specAccess';
import { bootExperiment } from '../share/shareLink';
import { SpecForm } from './SpecForm';
import { RunControls } from './RunControls';
import { ModelSummaryView } from './ModelSummaryView';
import { ResumeOffer } from './ResumeOffer';
import { SweepCard } from './SweepCard';
import { EpochsControl } from './EpochsControl';
import { stageEpochs } from './epochScale';
import { useUiStore } from '../../store/uiStore';
import { datasetRefs } from '../../core/experiment/datasetMatch';
import '../results/results.css';
import '../share/share.css';
import './experiment.css';

let validationSeq = 0;
/** Validate in the worker; only the latest edit's answer is shown. */
export function validateLater(spec: unknown): void {
  const seq = ++validationSeq;
  void validateSpec(spec).then((v) => {
    if (seq === validationSeq) useExperimentStore.getState().setSpecError(v.ok ? null : v.error);
  });
}

function NeededData({ spec }: { spec: ExperimentSpec }) {
  const datasets = useDataStore((s) => s.datasets);
  const matches = useMemo(() => matchLoaded(spec, datasets), [spec, datasets]);
  if (matches.length === 0) return <p className="muted">Data: synthetic only, regenerated from the spec's seed (nothing to drop).</p>;
  return (
    <div>
      <p style={{ margin: '0 0 4px' }}>This experiment uses imported data. Drop these in the Data panel (files stay on this computer):</p>
      <ul className="lab-needed" data-testid="needed-data">
        {matches.map(({ ref: r, dataset: d, how, sameName }) => (
          <li key={r.key} data-match={how}>
            <span className={d ? 'ok' : 'missing'} aria-hidden="true">
              {d ? '✓' : '✗'}
            </span>
            <span>
              <strong>{r.name}</strong>{' '}
              {r.fingerprint ? <code title={r.fingerprint}>{shortFingerprint(r.fingerprint)}</code> : <span className="muted">(any {r.name} import)</span>}{' '}
              {how === 'fingerprint' && 'loaded'}
              {(how === 'name' || how === 'only') && d && (
                <>
                  loaded: “{d.name}” <code title={d.fingerprint}>{shortFingerprint(d.fingerprint)}</code>
                  {how === 'only' ? ' (the only imported dataset that fits)' : ''} — its fingerprint goes into the spec when the run starts
                </>
              )}
              {how === 'fingerprint-differs' && sameName && `a dataset named “${r.name}” is loaded but its content differs (fingerprint ${shortFingerprint(sameName.fingerprint)})`}
              {how === 'missing' && 'not loaded yet'}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function JsonEditor({ spec }: { spec: ExperimentSpec }) {
  const setSpec = useExperimentStore((s) => s.setSpec);
  const id = useId();
  const [text, setText] = useState(() => JSON.stringify(spec, null, 2));
  const [err, setErr] = useState<string | null>(null);
  // idle → checking (validated in the worker) → applied | error; editing the text goes back to idle.
  const [state, setState] = useState<'idle' | 'checking' | 'applied' | 'error'>('idle');
  useEffect(() => setText(JSON.stringify(spec, null, 2)), [spec]);
  const fail = (message: string) => {
    setErr(message);
    setState('error');
  };
  const apply = async () => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      return fail(`Not valid JSON: ${(e as Error).message}`);
    }
    setState('checking');
    const v = await validateSpec(json);
    if (!v.ok) return fail(v.error);
    setErr(null);
    useExperimentStore.getState().setSpecError(null);
    setSpec(v.spec, 'edited');
    setState('applied');
  };
  return (
    <div className="lab-json">
      <label htmlFor={id}>Spec JSON</label>
      <textarea
        id={id}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setState('idle');
        }}
        rows={16}
        spellCheck={false}
      />
      <div>
        <button type="button" className="btn small" onClick={() => void apply()} disabled={state === 'checking'}>
          Apply JSON
        </button>{' '}
        <span className="muted" role="status" data-testid="json-status" data-state={state}>
          {state === 'checking' ? 'Checking…' : state === 'applied' ? 'Applied ✓' : ''}
        </span>
      </div>
      {err && <p role="alert" className="alert error inline">{err}</p>}
    </div>
  );
}

/** Where the spec came from, when that matters: a shared link or a project file, and what it needs. */
function SpecOrigin({ spec, source }: { spec: ExperimentSpec; source: string }) {
  const message = useUiStore((s) => s.projectMessage);
  const refs = datasetRefs(spec);
  const needs = refs.length ? ` It needs ${refs.length === 1 ? 'one imported dataset' : `${refs.length} imported datasets`} (below: name and fingerprint, ✓ once loaded).` : ' It uses synthetic data only: nothing to drop.';
  if (source === 'url')
    return (
      <p className="alert inline" role="status" data-testid="spec-origin">
        <strong>Experiment restored from a shared link.</strong>
        {needs}
      </p>
    );
  if (source === 'project' && message && 'opened' in message) {
    const o = message.opened;
    return (
      <p className="alert inline" role="status" data-testid="spec-origin">
        <strong>
          Project “{o.name}” opened from {o.fileName}.
        </strong>{' '}
        {o.runs} run{o.runs === 1 ? '' : 's'} added to History{o.runs ? ' (the newest is on Results)' : ''}, {o.models} trained model{o.models === 1 ? '' : 's'} stored.
        {needs}{' '}
        {o.runs > 0 && (
          <button type="button" className="btn small" onClick={() => useUiStore.getState().setPanel('results')}>
            See the results →
          </button>
        )}
      </p>
    );
  }
  return null;
}

/** Top-level fields without a card of their own (stages have theirs beside the plan). */
const NO_CARD: readonly string[] = ['version', 'name', 'description', 'stages', 'repeats', 'labelBudgets'];

/** The spec's sections that get a form card, in the spec's order. */
function formSections(spec: ExperimentSpec): (keyof ExperimentSpec)[] {
  return Object.keys(spec).filter((k): k is keyof ExperimentSpec => k in spec && !NO_CARD.includes(k));
}

/** Stable edit handler, so the (memoised) spec forms do not re-render when only the run status changes. */
function onEdit(next: ExperimentSpec): void {
  useExperimentStore.getState().setSpec(next, 'edited');
  validateLater(next);
}

/** Choose a preset or build an experiment (stages, model, hyper-parameters, backend), then run it. */
export function ExperimentPanel() {
  const spec = useExperimentStore((s) => s.spec);
  const presetName = useExperimentStore((s) => s.presetName);
  const specSource = useExperimentStore((s) => s.specSource);
  const specError = useExperimentStore((s) => s.specError);
  const setSpec = useExperimentStore((s) => s.setSpec);
  const setSpecError = useExperimentStore((s) => s.setSpecError);
  const status = useExperimentStore((s) => s.status);
  const busy = status === 'starting' || status === 'running' || status === 'paused' || status === 'cancelling';
  const catalog = useExperimentStore((s) => s.catalog);
  const catalogError = useExperimentStore((s) => s.catalogError);
  const presetId = useId();
  useEffect(() => void bootExperiment(), []);
  if (catalogError && !catalog)
    return (
      <section className="lab-experiment" aria-labelledby="experiment-title">
        <h2 id="experiment-title">Experiment</h2>
        <div className="alert error" role="alert">
          <p style={{ margin: 0 }}>The experiment engine could not be started in its worker: {catalogError}</p>
          <button type="button" className="btn small" onClick={() => void bootExperiment()}>
            Retry
          </button>
        </div>
      </section>
    );
  if (spec == null || !catalog)
    return (
      <section className="lab-experiment" aria-labelledby="experiment-title">
        <h2 id="experiment-title">Experiment</h2>
        <p className="muted" role="status">Loading the experiment engine…</p>
      </section>
    );

  const names = presetNames();
  const sections = formSections(spec);
  const stages = stagesOf(spec);
  const epochsOf = new Map(stageEpochs(spec).map((s) => [s.name, s.epochs]));

  return (
    <section className="lab-experiment" aria-labelledby="experiment-title">
      <h2 id="experiment-title">Experiment</h2>
      <div className="lab-exp-top">
        <div className="lab-field">
          <label htmlFor={presetId}>Preset</label>
          <select
            id={presetId}
            value={names.includes(presetName) ? presetName : ''}
            disabled={busy}
            onChange={(e) => {
              setSpecError(null);
              const next = presetSpec(e.target.value);
              if (next) setSpec(next, 'preset', e.target.value);
            }}
          >
            {!names.includes(presetName) && (
              <option value="">Custom{specSource === 'url' ? ' (from a shared link)' : specSource === 'history' ? ' (from history)' : specSource === 'project' ? ' (from a project file)' : ''}</option>
            )}
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <p className="muted lab-preset-desc">{names.includes(presetName) ? presetDescription(presetName) : 'Edited spec.'}</p>
      </div>
      <SpecOrigin spec={spec} source={specSource} />
      {specError && (
        <p className="alert error" role="alert" data-testid="spec-error">
          {specError}
        </p>
      )}
      <NeededData spec={spec} />

      <ResumeOffer />
      <RunControls />

      <div className="lab-exp-grid">
        <div className="lab-card">
          <h3>Stages</h3>
          <ol className="lab-stage-plan" data-testid="stage-plan">
            {stages.map((s) => (
              <li key={s.name}>
                <strong>{s.name}</strong> <span className="muted">{s.kind}{s.target ? ` · ${s.target}` : ''}{s.from ? ` · from ${s.from}` : ''}</span>
                {epochsOf.has(s.name) && (
                  <span className="lab-stage-epochs" data-testid="stage-epochs" data-stage={s.name}>
                    {' '}
                    · {epochsOf.get(s.name)} epoch{epochsOf.get(s.name) === 1 ? '' : 's'}
                  </span>
                )}
              </li>
            ))}
          </ol>
          <EpochsControl spec={spec} disabled={busy} onChange={onEdit} />
          <fieldset disabled={busy} className="lab-plain">
            <SpecForm spec={spec} section="stages" onChange={onEdit} />
          </fieldset>
        </div>
        <div className="lab-card">
          <h3>Sweep: repeats and label budgets</h3>
          <SweepCard spec={spec} disabled={busy} onChange={onEdit} />
        </div>
        <div className="lab-card">
          <h3>Model</h3>
          <ModelSummaryView />
        </div>
        {sections.map((sec) => (
          <div className={sec === 'sources' ? 'lab-card lab-card-wide' : 'lab-card'} key={sec}>
            <h3>{sec.charAt(0).toUpperCase() + sec.slice(1)}</h3>
            <fieldset disabled={busy} className="lab-plain">
              <SpecForm spec={spec} section={sec} onChange={onEdit} />
            </fieldset>
          </div>
        ))}
      </div>
      <details className="lab-card">
        <summary>Advanced: edit the spec as JSON</summary>
        <JsonEditor spec={spec} />
      </details>
    </section>
  );
}
