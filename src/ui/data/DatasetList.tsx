import { useState } from 'react';
import { displayLeadList } from '../../core/data/leadDisplay';
import { originText } from '../../core/data/originText';
import { useDataStore, useDatasets, type DatasetMeta } from '../../store/dataStore';
import { ClassChart } from './ClassChart';

const TARGET_LABEL: Record<string, string> = { hr_bpm: 'HR', pr_ms: 'PR', qrs_ms: 'QRS', qt_ms: 'QT' };

function labelText(d: DatasetMeta): string {
  const parts: string[] = [];
  if (d.classes.length) parts.push(`${d.classes.length} classes`);
  const t = Object.entries(d.targets).map(([k, n]) => `${TARGET_LABEL[k] ?? k}${n !== d.n ? ` (${n})` : ''}`);
  if (t.length) parts.push(`intervals: ${t.join(', ')}`);
  return parts.join(' · ') || 'none';
}

const mb = (b: number) => (b >= 2 ** 20 ? `${(b / 2 ** 20).toFixed(1)} MB` : `${Math.max(1, Math.round(b / 1024))} kB`);

/** "Keep on this computer" (IndexedDB, across reloads), its size, and a one-click Forget. */
function KeepControl({ d }: { d: DatasetMeta }) {
  const setKept = useDataStore((s) => s.setKept);
  const err = useDataStore((s) => (s.keepError?.id === d.id ? s.keepError.message : null));
  const id = `keep-${d.id}`;
  // The box follows the click at once; the write (or its failure) then settles it.
  const [pending, setPending] = useState<boolean | null>(null);
  const toggle = (keep: boolean) => {
    setPending(keep);
    void setKept(d.id, keep).finally(() => setPending(null));
  };
  return (
    <div className="keep-control" data-testid="keep-control" style={{ fontSize: '0.85rem', margin: '0.3rem 0' }}>
      <input id={id} type="checkbox" checked={pending ?? !!d.kept} onChange={(e) => toggle(e.target.checked)} data-testid="keep-dataset" />{' '}
      <label htmlFor={id}>Keep on this computer</label>
      {d.kept && (
        <>
          {' '}
          <span className="muted" data-testid="kept-size">
            {mb(d.kept.bytes)} in this browser&apos;s storage
          </span>{' '}
          <button type="button" className="btn small ghost" onClick={() => toggle(false)} data-testid="forget-dataset">
            Forget
          </button>
        </>
      )}
      {err && (
        <div role="alert" className="alert error">
          {err}
        </div>
      )}
    </div>
  );
}

export function DatasetList() {
  const datasets = useDatasets();
  const selectedId = useDataStore((s) => s.selectedId);
  const select = useDataStore((s) => s.selectDataset);
  const remove = useDataStore((s) => s.removeDataset);
  if (datasets.length === 0)
    return <p className="muted">No datasets loaded yet. Drop files above, or generate a synthetic dataset in the Designer’s “Dataset” mode.</p>;
  return (
    <ul className="ds-list" aria-label="Loaded datasets">
      {datasets.map((d) => (
        <li key={d.id} className={d.id === selectedId ? 'ds-item selected' : 'ds-item'} data-testid="dataset-item" aria-current={d.id === selectedId}>
          <div className="ds-item-head">
            <h4>{d.name}</h4>
            <span className="badge">{d.kind === 'synthetic' ? 'synthetic' : 'imported · local'}</span>
          </div>
          <dl className="ds-facts">
            <dt>Records</dt>
            <dd data-testid="ds-records">{d.n}</dd>
            <dt>Leads</dt>
            <dd>
              {d.nLeads} ({displayLeadList(d.leadNames)})
            </dd>
            <dt>Rate</dt>
            <dd>
              {d.fs} Hz · {(d.nSamples / d.fs).toFixed(1)} s
            </dd>
            <dt>Labels</dt>
            <dd>{labelText(d)}</dd>
            {d.origin && (
              <>
                <dt>Recordings</dt>
                <dd data-testid="ds-origin">
                  {originText(d.origin, d).map((l) => (
                    <div key={l}>{l}</div>
                  ))}
                </dd>
              </>
            )}
            <dt>Fingerprint</dt>
            <dd className="fingerprint">{d.fingerprint}</dd>
          </dl>
          {d.kind === 'imported' && <KeepControl d={d} />}
          {d.classes.length > 0 && <ClassChart counts={d.classCounts} label={`Class distribution of ${d.name}`} />}
          <div className="row-buttons">
            <button type="button" className="btn small" onClick={() => select(d.id)} disabled={d.id === selectedId}>
              {d.id === selectedId ? 'Browsing' : 'Browse records'}
            </button>
            <button type="button" className="btn small ghost" onClick={() => remove(d.id)} aria-label={`Remove ${d.name}`}>
              Remove
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}
