/**
 * The sweep of an experiment: repeats and label budgets (edit the spec), and the plan before Start — cells
 * (stage × repeat × budget), which pretrained models are trained once and reused, which are already in the
 * browser's model cache, and the estimated cost. The plan comes from the worker and follows every edit.
 */
import { useEffect, useId, useState } from 'react';
import type { ExperimentSpec } from '../../core/experiment/contract';
import type { PlannedCell, SweepPlan } from '../../core/experiment/contract/sweep';
import { useDataStore } from '../../store/dataStore';
import { useExperimentStore } from '../../store/experimentStore';
import { refreshPlan } from '../../store/sweepActions';
import { useSweepStore } from '../../store/sweepStore';
import { fmtDuration } from '../results/format';
import { budgetText, parseBudgetText } from './budgetText';

export const MAX_REPEATS = 20;

/** The spec error, when it is about the sweep's fields (the schema names the field first). */
function fieldError(specError: string | null, field: 'repeats' | 'labelBudgets'): string | null {
  return specError && specError.startsWith(field) ? specError : null;
}

function withSweep(spec: ExperimentSpec, patch: { repeats?: number | undefined; labelBudgets?: number[] | undefined }): ExperimentSpec {
  const next: ExperimentSpec = { ...spec };
  if ('repeats' in patch) {
    if (patch.repeats === undefined || patch.repeats === 1) delete next.repeats;
    else next.repeats = patch.repeats;
  }
  if ('labelBudgets' in patch) {
    if (patch.labelBudgets === undefined) delete next.labelBudgets;
    else next.labelBudgets = patch.labelBudgets;
  }
  return next;
}

function cellNote(c: PlannedCell): string {
  if (c.kind === 'pretrain') {
    const reuse = c.reusedBy?.length ? `reused by ${c.reusedBy.length} cell${c.reusedBy.length === 1 ? '' : 's'}` : 'used by no cell';
    return c.cached ? `in the model cache (not trained again), ${reuse}` : `trained once, ${reuse}`;
  }
  return c.uses ? `starts from ${c.uses}` : '';
}

function PlanView({ plan }: { plan: SweepPlan }) {
  const pre = plan.cells.filter((c) => c.kind === 'pretrain');
  return (
    <div className="lab-sweep-plan" data-testid="sweep-plan" data-cells={plan.cells.length} data-cached={plan.pretrainsCached}>
      <p className="lab-sweep-summary">
        <strong>Plan:</strong> {plan.summary}
      </p>
      {pre.length > 0 && (
        <ul className="lab-sweep-reuse" aria-label="Pretrained models and their reuse">
          {pre.map((c) => (
            <li key={c.id} data-cached={c.cached ? 'true' : 'false'}>
              <code>{c.id}</code> <span className={c.cached ? 'lab-sweep-cached' : 'muted'}>{cellNote(c)}</span>
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>All {plan.cells.length} cells</summary>
        <div className="lab-table-wrap lab-sweep-cells">
          <table className="lab-table">
            <thead>
              <tr>
                <th scope="col">Cell</th>
                <th scope="col">Kind</th>
                <th scope="col">Training records</th>
                <th scope="col">Epochs</th>
                <th scope="col">Est.</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {plan.cells.map((c) => (
                <tr key={c.id}>
                  <td>
                    <code>{c.id}</code>
                  </td>
                  <td>{c.kind}</td>
                  <td>{c.kind === 'evaluate' ? '—' : (c.trainRecords ?? '?')}</td>
                  <td>{c.kind === 'evaluate' ? '—' : c.epochs}</td>
                  <td>{c.estSeconds === null ? '?' : c.cached ? 'cached' : fmtDuration(c.estSeconds)}</td>
                  <td>{cellNote(c)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}

/** Repeats and label budgets, and the sweep's plan and cost. */
export function SweepCard({ spec, disabled, onChange }: { spec: ExperimentSpec; disabled: boolean; onChange(next: ExperimentSpec): void }) {
  const specError = useExperimentStore((s) => s.specError);
  const datasets = useDataStore((s) => s.datasets);
  const { plan, planError, planState } = useSweepStore();
  const repeatsId = useId();
  const budgetsId = useId();
  const [repeatsText, setRepeatsText] = useState(String(spec.repeats ?? 1));
  const [budgets, setBudgets] = useState(() => budgetText(spec.labelBudgets));
  const [localError, setLocalError] = useState<{ repeats?: string; budgets?: string }>({});

  // A spec loaded from elsewhere (preset, link, history, JSON) replaces what the fields show.
  useEffect(() => {
    setRepeatsText((t) => (Number(t) === (spec.repeats ?? 1) ? t : String(spec.repeats ?? 1)));
    setBudgets((t) => {
      const p = parseBudgetText(t);
      return p.ok && budgetText(p.budgets) === budgetText(spec.labelBudgets) ? t : budgetText(spec.labelBudgets);
    });
  }, [spec.repeats, spec.labelBudgets]);

  useEffect(() => {
    if (specError) return;
    const t = setTimeout(() => void refreshPlan(spec), 250);
    return () => clearTimeout(t);
  }, [spec, specError, datasets]);

  const editRepeats = (text: string) => {
    setRepeatsText(text);
    const n = Number(text);
    if (!/^\d+$/.test(text.trim()) || n < 1 || n > MAX_REPEATS) {
      setLocalError((e) => ({ ...e, repeats: `Repeats must be a whole number from 1 to ${MAX_REPEATS}.` }));
      return;
    }
    setLocalError((e) => ({ ...e, repeats: undefined }));
    onChange(withSweep(spec, { repeats: n }));
  };
  const editBudgets = (text: string) => {
    setBudgets(text);
    const p = parseBudgetText(text);
    if (!p.ok) {
      setLocalError((e) => ({ ...e, budgets: p.error }));
      return;
    }
    setLocalError((e) => ({ ...e, budgets: undefined }));
    onChange(withSweep(spec, { labelBudgets: p.budgets }));
  };
  const repeatsError = localError.repeats ?? fieldError(specError, 'repeats');
  const budgetsError = localError.budgets ?? fieldError(specError, 'labelBudgets');

  return (
    <div className="lab-sweep" data-testid="sweep-card">
      <fieldset disabled={disabled} className="lab-plain">
        <div className="lab-field">
          <label htmlFor={repeatsId}>Repeats</label>
          <input
            id={repeatsId}
            type="number"
            min={1}
            max={MAX_REPEATS}
            step={1}
            value={repeatsText}
            aria-invalid={repeatsError ? true : undefined}
            aria-describedby={`${repeatsId}-help`}
            onChange={(e) => editRepeats(e.target.value)}
          />
        </div>
        <p id={`${repeatsId}-help`} className={repeatsError ? 'lab-field-error' : 'lab-field-help muted'} role={repeatsError ? 'alert' : undefined}>
          {repeatsError ?? 'Independent seeds: new random splits, initialisation and shuffling (fold splits stay fixed).'}
        </p>
        <div className="lab-field">
          <label htmlFor={budgetsId}>Label budgets</label>
          <input
            id={budgetsId}
            type="text"
            placeholder="100% (the whole training split)"
            value={budgets}
            aria-invalid={budgetsError ? true : undefined}
            aria-describedby={`${budgetsId}-help`}
            onChange={(e) => editBudgets(e.target.value)}
          />
        </div>
        <p id={`${budgetsId}-help`} className={budgetsError ? 'lab-field-error' : 'lab-field-help muted'} role={budgetsError ? 'alert' : undefined} data-testid="budgets-help">
          {budgetsError ?? 'Percentages of the labelled training split (5%, 10%, 100%) or record counts (50, 100); smaller subsets sit inside larger ones.'}
        </p>
      </fieldset>
      {planError && !specError && <p className="alert error inline">Plan unavailable: {planError}</p>}
      {plan && !specError ? <PlanView plan={plan} /> : !planError && <p className="muted">{specError ? 'The plan follows once the spec is valid.' : 'Planning…'}</p>}
      {planState === 'computing' && plan && <span className="muted lab-sweep-updating">updating…</span>}
    </div>
  );
}
