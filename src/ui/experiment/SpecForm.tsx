import { memo, useId } from 'react';
import type { ExperimentSpec } from '../../core/experiment/contract';
import { enumFor } from './specAccess';

type Path = (string | number)[];
type Json = unknown;

const LABELS: Record<string, string> = {
  lr: 'Learning rate',
  batchSize: 'Batch size',
  epochs: 'Epochs',
  patience: 'Early-stopping patience',
  weightDecay: 'Weight decay',
  seed: 'Seed',
  fs: 'Sampling rate (Hz)',
  n: 'Records',
  nRecords: 'Records',
  unfreezeAfterEpochs: 'Unfreeze after (epochs)',
  unfreezeLrFactor: 'LR factor after unfreezing',
  classWeighting: 'Class weighting',
  backend: 'Backend',
};

export function humanize(key: string | number): string {
  if (typeof key === 'number') return `#${key + 1}`;
  if (LABELS[key]) return LABELS[key];
  const s = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * `root` with the value at `path` replaced (undefined removes a list item). The form edits leaves of the shape it
 * was built from, so the result has the same shape (the engine validates the values before a run).
 */
export function setAt<T>(root: T, path: Path, value: Json): T {
  return setAtJson(root, path, value) as T;
}

function setAtJson(root: Json, path: Path, value: Json): Json {
  if (path.length === 0) return value;
  const [k, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = root.slice();
    if (value === undefined && rest.length === 0) copy.splice(k as number, 1);
    else copy[k as number] = setAtJson(root[k as number], rest, value);
    return copy;
  }
  const obj = { ...((root as Record<string, Json>) ?? {}) };
  obj[k as string] = setAtJson(obj[k as string], rest, value);
  return obj;
}

interface FieldProps {
  path: Path;
  value: Json;
  spec: ExperimentSpec;
  onChange(path: Path, value: Json): void;
  depth: number;
}

/** Hidden from the form (shown elsewhere or not user-editable). */
const SKIP = new Set(['version', 'description', 'fingerprint']);

function Field({ path, value, spec, onChange, depth }: FieldProps) {
  const id = useId();
  const key = path[path.length - 1];
  const label = humanize(key);
  if (typeof key === 'string' && SKIP.has(key)) return null;

  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, Json>);
    const inner = entries.map(([k, v]) => <Field key={k} path={[...path, k]} value={v} spec={spec} onChange={onChange} depth={depth + 1} />);
    if (depth === 0) return <>{inner}</>;
    // Big nested objects (a synthetic dataset spec, its parameter distributions) start collapsed.
    if (depth >= 2 && entries.length > 6)
      return (
        <details className="lab-fieldset lab-details">
          <summary>
            {label} <span className="muted">({entries.length} settings)</span>
          </summary>
          {inner}
        </details>
      );
    return (
      <fieldset className="lab-fieldset">
        <legend>{label}</legend>
        {inner}
      </fieldset>
    );
  }
  if (Array.isArray(value)) {
    if (value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v))) {
      return (
        <fieldset className="lab-fieldset lab-fieldset-list">
          <legend>{label}</legend>
          {value.map((item, i) => {
            const o = item as Record<string, Json>;
            const title = [o.name, o.kind, o.target].filter((x) => typeof x === 'string').join(' · ') || `${label} ${i + 1}`;
            return (
              <fieldset key={i} className="lab-fieldset lab-list-item">
                <legend>{title}</legend>
                {Object.entries(o).map(([k, v]) => (
                  <Field key={k} path={[...path, i, k]} value={v} spec={spec} onChange={onChange} depth={depth + 2} />
                ))}
                <button type="button" className="btn small" onClick={() => onChange([...path, i], undefined)} aria-label={`Remove ${title}`}>
                  Remove
                </button>
              </fieldset>
            );
          })}
          {value.length > 0 && (
            <button
              type="button"
              className="btn small"
              onClick={() => {
                const copy = structuredClone(value[value.length - 1]) as Record<string, Json>;
                if (typeof copy.name === 'string') copy.name = `${copy.name}-copy`;
                onChange([...path, value.length], copy);
              }}
            >
              Add {label.toLowerCase().replace(/s$/, '')} (copy of last)
            </button>
          )}
        </fieldset>
      );
    }
    return (
      <div className="lab-field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          // Edited as text and committed on blur; re-mounted when the spec's value changes (another preset, JSON).
          key={value.join(', ')}
          defaultValue={value.join(', ')}
          onBlur={(e) => {
            const parts = e.target.value.split(',').map((s) => s.trim()).filter(Boolean);
            onChange(path, value.every((v) => typeof v === 'number') ? parts.map(Number) : parts);
          }}
        />
      </div>
    );
  }
  if (typeof value === 'boolean') {
    return (
      <div className="lab-field lab-field-check">
        <input id={id} type="checkbox" checked={value} onChange={(e) => onChange(path, e.target.checked)} />
        <label htmlFor={id}>{label}</label>
      </div>
    );
  }
  if (typeof value === 'number') {
    return (
      <div className="lab-field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type="number"
          value={Number.isFinite(value) ? value : ''}
          step={Number.isInteger(value) ? 1 : 'any'}
          onChange={(e) => e.target.value !== '' && onChange(path, Number(e.target.value))}
        />
      </div>
    );
  }
  if (typeof value === 'string') {
    const options = enumFor(path, spec);
    return (
      <div className="lab-field">
        <label htmlFor={id}>{label}</label>
        {options && (options.includes(value) || options.length > 0) ? (
          <select id={id} value={value} onChange={(e) => onChange(path, e.target.value)}>
            {!options.includes(value) && <option value={value}>{value}</option>}
            {options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        ) : (
          <input id={id} value={value} onChange={(e) => onChange(path, e.target.value)} />
        )}
      </div>
    );
  }
  return null;
}

/** A form generated from the spec's JSON: every field labelled; known enums as selects; stages add/remove. */
export const SpecForm = memo(SpecFormImpl);

function SpecFormImpl({ spec, section, onChange }: { spec: ExperimentSpec; section: keyof ExperimentSpec; onChange(next: ExperimentSpec): void }) {
  const value: Json = spec[section];
  if (value === undefined) return null;
  return (
    <div className="lab-spec-form">
      <Field path={[section]} value={value} spec={spec} onChange={(p, v) => onChange(setAt(spec, p, v))} depth={typeof value === 'object' ? 0 : 1} />
    </div>
  );
}
