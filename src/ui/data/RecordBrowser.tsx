import { useEffect, useMemo, useState } from 'react';
import { displayLeadName } from '../../core/data/leadDisplay';
import { fetchRecord, useDataStore, useDatasets, type RecordView } from '../../store/dataStore';
import { EcgViewer } from '../ecg/EcgViewer';
import { MedianBeat } from '../ecg/MedianBeat';
import type { MedianBeatAnswer } from '../../core/signal/median/view';
import type { MedianLabelsReport } from '../../core/data/medianLabels';
import { deriveIntervalLabels, fetchMedianBeat } from '../../store/medianActions';

const UNITS: Record<string, string> = { hr_bpm: 'bpm', pr_ms: 'ms', qrs_ms: 'ms', qt_ms: 'ms' };
const NAMES: Record<string, string> = { hr_bpm: 'HR', pr_ms: 'PR', qrs_ms: 'QRS', qt_ms: 'QT' };

/** Names listed in the record select at once (a large dataset lists the ones around the current record). */
const WINDOW = 400;
function windowOf(n: number, index: number): number[] {
  const lo = Math.max(0, Math.min(n - WINDOW, index - WINDOW / 2));
  const hi = Math.min(n, lo + WINDOW);
  return Array.from({ length: hi - lo }, (_, k) => lo + k);
}

/** One record of the selected dataset on ECG paper, with its labels and annotations. */
export function RecordBrowser() {
  const datasets = useDatasets();
  const selectedId = useDataStore((s) => s.selectedId);
  const index = useDataStore((s) => s.recordIndex);
  const setIndex = useDataStore((s) => s.setRecordIndex);
  const select = useDataStore((s) => s.selectDataset);
  const ds = datasets.find((d) => d.id === selectedId);
  const [rec, setRec] = useState<RecordView | null>(null);
  const leadNames = useMemo(() => (rec ? rec.leadNames.map(displayLeadName) : []), [rec]);
  const [err, setErr] = useState<string | null>(null);
  const [showMedian, setShowMedian] = useState(false);
  const [median, setMedian] = useState<MedianBeatAnswer | null>(null);
  const [derive, setDerive] = useState<{ busy: boolean; from?: string; report?: MedianLabelsReport; error?: string }>({ busy: false });

  useEffect(() => {
    if (!ds || !showMedian) return;
    let live = true;
    setMedian(null);
    fetchMedianBeat(ds.id, index)
      .then((m) => live && setMedian(m))
      .catch((e: unknown) => live && setMedian({ ok: false, name: '', reason: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, [ds, index, showMedian]);

  useEffect(() => {
    if (!ds) return;
    let live = true;
    setErr(null);
    fetchRecord(ds.id, index)
      .then((r) => live && setRec(r))
      .catch((e: unknown) => live && setErr(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [ds, index]);

  if (!ds) return null;
  const go = (i: number) => setIndex(Math.max(0, Math.min(ds.n - 1, i)));
  // Interval labels from median beats: for an imported dataset that lacks some of hr/pr/qrs/qt.
  const canDerive = ds.kind === 'imported' && ['hr_bpm', 'pr_ms', 'qrs_ms', 'qt_ms'].some((t) => !ds.targets[t as keyof typeof ds.targets]);
  const runDerive = () => {
    const from = ds.name;
    setDerive({ busy: true, from });
    deriveIntervalLabels(ds.id, ds)
      .then((r) => setDerive({ busy: false, from, report: r.report }))
      .catch((e: unknown) => setDerive({ busy: false, from, error: e instanceof Error ? e.message : String(e) }));
  };
  return (
    <section className="card" aria-labelledby="browser-title" data-testid="record-browser">
      <h3 id="browser-title">Record browser</h3>
      <div className="browser-head">
        <label>
          Dataset{' '}
          <select value={ds.id} onChange={(e) => select(e.target.value)}>
            {datasets.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <span className="inline">
          <button type="button" className="btn small" onClick={() => go(index - 1)} disabled={index === 0} aria-label="Previous record">
            ←
          </button>
          <label>
            Record{' '}
            <select value={index} onChange={(e) => go(Number(e.target.value))} aria-label="Record">
              {windowOf(ds.recordNames.length, index).map((i) => (
                <option key={i} value={i}>
                  {i + 1}. {ds.recordNames[i]}
                </option>
              ))}
            </select>
          </label>
          {ds.n > WINDOW && (
            <label>
              #{' '}
              <input
                type="number"
                min={1}
                max={ds.n}
                value={index + 1}
                onChange={(e) => Number.isFinite(Number(e.target.value)) && e.target.value !== '' && go(Number(e.target.value) - 1)}
                aria-label="Record number"
                style={{ width: '6rem' }}
              />{' '}
              <span className="muted">of {ds.n}</span>
            </label>
          )}
          <button type="button" className="btn small" onClick={() => go(index + 1)} disabled={index >= ds.n - 1} aria-label="Next record">
            →
          </button>
        </span>
        {rec && (
          <div className="rec-labels" data-testid="record-labels">
            {rec.classes.map((c) => (
              <span key={c} className="tag cls">
                {c}
              </span>
            ))}
            {Object.entries(rec.values).map(([k, v]) => (
              <span key={k} className="tag">
                {NAMES[k] ?? k} {v.toFixed(k === 'hr_bpm' ? 1 : 0)} {UNITS[k] ?? ''}
              </span>
            ))}
            {rec.annotations && rec.annotations.length > 0 && <span className="tag">{rec.annotations.length} annotations</span>}
          </div>
        )}
      </div>
      {err && (
        <div role="alert" className="alert error">
          {err}
        </div>
      )}
      {rec && (
        <EcgViewer
          testId="record-ecg"
          label={`Record ${rec.name}`}
          signals={rec.signals}
          leadNames={leadNames}
          fs={rec.fs}
          beats={rec.beats}
          annotations={rec.annotations}
          layout={rec.leadNames.length >= 12 ? 'grid' : 'stack'}
        />
      )}
      <div className="median-tools">
        <button type="button" className="btn small" aria-pressed={showMedian} data-testid="median-toggle" onClick={() => setShowMedian(!showMedian)}>
          {showMedian ? 'Hide median beat' : 'Median beat & intervals'}
        </button>
        {canDerive && (
          <button type="button" className="btn small" data-testid="derive-labels" disabled={derive.busy} onClick={runDerive} title="Reads PR, QRS, QT and HR from every record's median beat, as labels a regression stage can use">
            {derive.busy ? 'Reading median beats…' : 'Derive interval labels from median beats'}
          </button>
        )}
      </div>
      {derive.report && (
        <div className="median-report" role="status" data-testid="derive-report" data-labelled={derive.report.labelled} data-n={derive.report.n}>
          “{derive.from} + median-beat intervals”: <strong>{derive.report.labelled}</strong> of {derive.report.n} records got interval labels (HR {derive.report.perTarget.hr_bpm}, PR {derive.report.perTarget.pr_ms}, QRS {derive.report.perTarget.qrs_ms}, QT {derive.report.perTarget.qt_ms} new values); it is a new dataset in the list, usable by a regression stage.
          {derive.report.reasons.length > 0 && (
            <ul>
              {derive.report.reasons.map((r) => (
                <li key={r.reason}>
                  {r.count} record{r.count === 1 ? '' : 's'}: {r.reason} (e.g. {r.examples.join(', ')})
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {derive.error && (
        <div role="alert" className="alert error">
          {derive.error}
        </div>
      )}
      {showMedian && !median && <p className="muted">Computing the median beat…</p>}
      {showMedian && median && !median.ok && (
        <p className="muted" data-testid="median-none">
          No median beat for this record: {median.reason}.
        </p>
      )}
      {showMedian && median?.ok && <MedianBeat m={median} />}
      {rec?.comments && rec.comments.length > 0 && (
        <details style={{ marginTop: '0.4rem', fontSize: '0.85rem' }}>
          <summary>Header comments</summary>
          <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{rec.comments.join('\n')}</pre>
        </details>
      )}
    </section>
  );
}
