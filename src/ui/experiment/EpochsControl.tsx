import { useId, useState, useEffect } from 'react';
import type { ExperimentSpec } from '../../core/experiment/contract';
import { maxEpochs, stageEpochs, withEpochs } from './epochScale';

/** The spec the control scales from, and the spec it last produced (an edit elsewhere makes a new base). */
let memo: { base: ExperimentSpec; produced: ExperimentSpec } | null = null;

/**
 * One "Epochs" number for the whole experiment: the longest stage trains that many epochs and every other stage
 * keeps its share (shown per stage in the plan), so a long preset becomes a short one in one edit.
 */
export function EpochsControl({ spec, disabled, onChange }: { spec: ExperimentSpec; disabled: boolean; onChange(next: ExperimentSpec): void }) {
  const id = useId();
  const current = maxEpochs(spec);
  const [text, setText] = useState(String(current));
  useEffect(() => setText(String(current)), [current]);
  const apply = (v: number) => {
    if (!Number.isFinite(v) || v < 1 || v > 10000) return;
    const base = memo && memo.produced === spec ? memo.base : spec;
    const next = withEpochs(base, v);
    memo = { base, produced: next };
    onChange(next);
  };
  const stages = stageEpochs(spec);
  const distinct = new Set(stages.map((s) => s.epochs)).size > 1;
  return (
    <div className="lab-epochs" data-testid="epochs-control">
      <label htmlFor={id}>Epochs</label>
      <input
        id={id}
        type="number"
        min={1}
        max={10000}
        step={1}
        value={text}
        disabled={disabled}
        aria-describedby={`${id}-note`}
        onChange={(e) => {
          setText(e.target.value);
          apply(Math.floor(Number(e.target.value)));
        }}
      />
      <span id={`${id}-note`} className="muted">
        {distinct ? 'the longest stage; every other stage is scaled by the same factor' : 'every training stage'}
      </span>
    </div>
  );
}
