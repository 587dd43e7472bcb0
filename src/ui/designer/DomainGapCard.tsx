/**
 * How far is the designer's synthetic data from a real dataset? Trains a tiny CNN (in the training worker) to
 * tell the designer spec's records from a loaded imported dataset's (same leads, rate, length and
 * preprocessing, equal counts, split by record) and shows its held-out AUC with the 95 % bootstrap interval:
 * 0.5 means the classifier cannot tell them apart, 1 that it always can.
 */
import { useEffect, useState } from 'react';
import { defaultSyntheticSpec } from '../../core/data/synthDataset';
import { useDatasets } from '../../store/dataStore';
import { useDesignerStore } from '../../store/designerStore';
import { MAX_PER_SIDE, runDomainGap, useDomainGapStore } from '../../store/domainGapStore';

const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '—');

function reading(auc: number, lo: number | undefined, hi: number | undefined): string {
  if (lo !== undefined && hi !== undefined && lo <= 0.5 && hi >= 0.5) return 'the classifier cannot tell them apart (the interval holds 0.5)';
  if (auc >= 0.9) return 'the classifier tells them apart almost always';
  if (auc >= 0.7) return 'the classifier tells them apart often';
  return 'the classifier tells them apart now and then';
}

export function DomainGapCard() {
  const imported = useDatasets().filter((d) => d.kind === 'imported');
  const spec = useDesignerStore((s) => s.spec) ?? defaultSyntheticSpec();
  const gap = useDomainGapStore();
  const [chosen, setChosen] = useState<string>('');
  const id = imported.some((d) => d.id === chosen) ? chosen : (imported[0]?.id ?? '');
  useEffect(() => {
    if (id !== chosen) setChosen(id);
  }, [id, chosen]);
  const ds = imported.find((d) => d.id === id);
  const r = gap.result;
  return (
    <section className="card domain-gap-card" aria-labelledby="domain-gap-title" data-testid="domain-gap-card">
      <h3 id="domain-gap-title">Domain gap: can a classifier tell this spec from real ECGs?</h3>
      <p className="muted" style={{ fontSize: '0.85rem', margin: '4px 0 8px' }}>
        Trains a tiny CNN on records of this spec (class "synthetic") and of an imported dataset ("real"): same leads, rate, length and per-record
        z-score, as many of each (up to {MAX_PER_SIDE}), split by record; 30 % held out. AUC 0.5: indistinguishable; 1: always told apart.
        Runs on this computer; the records never leave it.
      </p>
      {imported.length === 0 ? (
        <p className="muted" data-testid="domain-gap-empty">
          Import a real dataset (Data panel) to measure the gap against it.
        </p>
      ) : (
        <div className="inline" style={{ gap: 8, flexWrap: 'wrap', alignItems: 'end' }}>
          <div className="field">
            <label htmlFor="gap-dataset">Real dataset</label>
            <select id="gap-dataset" value={id} onChange={(e) => setChosen(e.target.value)}>
              {imported.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} ({d.n} records, {d.fs} Hz)
                </option>
              ))}
            </select>
          </div>
          <button type="button" className="btn" data-testid="domain-gap-run" disabled={gap.status === 'running' || !ds} onClick={() => ds && void runDomainGap(spec, ds.id)}>
            {gap.status === 'running' ? 'Measuring…' : 'Measure the gap'}
          </button>
          {ds && (
            <span className="muted" style={{ fontSize: '0.8rem' }}>
              {Math.min(ds.n, MAX_PER_SIDE)} synthetic records at {ds.fs} Hz, {(ds.nSamples / ds.fs).toFixed(0)} s, {spec.leads === '12' ? '12 leads' : 'lead II'}
            </span>
          )}
        </div>
      )}
      {gap.status === 'running' && (
        <p className="muted" role="status" data-testid="domain-gap-progress">
          Training the classifier{gap.epoch ? `: epoch ${gap.epoch.epoch}/${gap.epoch.epochs}` : '…'}
        </p>
      )}
      {gap.status === 'failed' && (
        <p role="alert" className="alert error" data-testid="domain-gap-error">
          {gap.error}
        </p>
      )}
      {gap.status === 'done' && r && (
        <div data-testid="domain-gap-result" data-auc={r.auc} data-lo={r.ci?.lo} data-hi={r.ci?.hi} data-n-test={r.nTest}>
          <p style={{ margin: '6px 0 2px', fontSize: '1.05rem' }}>
            Held-out AUC <strong data-testid="domain-gap-auc">{f3(r.auc)}</strong>
            <span className="muted"> [{r.ci ? `${f3(r.ci.lo)}, ${f3(r.ci.hi)}` : 'no interval'}] 95 % bootstrap</span>
          </p>
          <p className="muted" style={{ margin: 0, fontSize: '0.85rem' }}>
            vs {gap.against?.name}: {reading(r.auc, r.ci?.lo, r.ci?.hi)}. n = {r.nTest} held-out records ({r.nTestReal} real, {r.nTestSynthetic} synthetic) of {r.perSide} per side
            from {r.realRecords} real records; max(AUC, 1 − AUC) {f3(r.folded)}
            {r.zeroedLeads.length ? `; leads ${r.zeroedLeads.join(', ')} left out (absent in the real records)` : ''}.
          </p>
        </div>
      )}
    </section>
  );
}
