/** Data: drop real ECG files (parsed locally in the data worker), list datasets, browse records, see import errors. */
import { useEffect, useState } from 'react';
import { progressText } from '../../core/data/importProgress';
import { useDataStore } from '../../store/dataStore';
import { DropZone } from './DropZone';
import { DatasetList } from './DatasetList';
import { ImportReportView } from './ImportReportView';
import { RecordBrowser } from './RecordBrowser';

/** The import under way: records and bytes read, time left, and Cancel. */
function ImportProgress() {
  const importing = useDataStore((s) => s.importing);
  const notice = useDataStore((s) => s.importNotice);
  const cancel = useDataStore((s) => s.cancelImport);
  // The estimate is redrawn every second even when no record arrives (a large file being read).
  const [, redraw] = useState(0);
  const busy = !!importing;
  useEffect(() => {
    if (!busy) return;
    const t = setInterval(() => redraw((k) => k + 1), 1000);
    return () => clearInterval(t);
  }, [busy]);
  if (!importing) {
    return notice ? (
      <p className="muted" role="status" data-testid="import-notice" style={{ marginTop: '0.6rem' }}>
        {notice}
      </p>
    ) : null;
  }
  const reading = importing.label === 'Reading files';
  const byBytes = !!importing.bytesTotal;
  return (
    <div className="gen-progress" role="status" style={{ marginTop: '0.6rem', flexWrap: 'wrap' }} data-testid="import-progress" data-records={importing.done} data-total={importing.total}>
      <span>{importing.label}…</span>
      <progress max={(byBytes ? importing.bytesTotal : importing.total) || 1} value={byBytes ? importing.bytesDone : importing.done} aria-label="Import progress" />
      <span className="muted" data-testid="import-progress-text">
        {importing.cancelling
          ? 'stopping at the next record; nothing will be added'
          : reading && importing.startedAt !== undefined
            ? progressText(importing, Math.max(0, performance.now() - importing.startedAt))
            : `${importing.done} of ${importing.total} files`}
      </span>
      <button type="button" className="btn small" onClick={cancel} disabled={importing.cancelling} data-testid="import-cancel">
        {importing.cancelling ? 'Cancelling…' : 'Cancel import'}
      </button>
    </div>
  );
}

export function DataPanel() {
  const importing = useDataStore((s) => s.importing);
  const error = useDataStore((s) => s.error);
  const clearError = useDataStore((s) => s.clearError);
  const importFiles = useDataStore((s) => s.importFiles);
  const [rate, setRate] = useState<100 | 500 | 'both'>(100);
  const [fs, setFs] = useState<number | 'native'>(100);
  const [windows, setWindows] = useState<'first' | 'consecutive'>('first');
  return (
    <section aria-labelledby="data-title">
      <div className="panel-head">
        <h2 id="data-title">Data</h2>
        <p className="privacy" data-testid="privacy">
          <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16" fill="currentColor">
            <path d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 1 0-4 0v2z" />
          </svg> Files stay on this computer: they are read and parsed inside this browser tab, never uploaded.
        </p>
      </div>
      <DropZone onFiles={(files) => void importFiles(files, rate, fs, windows)} busy={!!importing} />
      <div className="inline import-options" style={{ marginTop: '0.4rem', fontSize: '0.85rem', flexWrap: 'wrap', whiteSpace: 'nowrap' }}>
        <label htmlFor="ptbxl-rate">PTB-XL folders: read</label>
        <select id="ptbxl-rate" value={String(rate)} onChange={(e) => setRate(e.target.value === 'both' ? 'both' : (Number(e.target.value) as 100 | 500))}>
          <option value="100">records100 (100 Hz, as in the paper)</option>
          <option value="500">records500 (500 Hz)</option>
          <option value="both">both</option>
        </select>
        <label htmlFor="import-fs">Dataset rate</label>
        <select id="import-fs" value={String(fs)} onChange={(e) => setFs(e.target.value === 'native' ? 'native' : Number(e.target.value))}>
          <option value="100">100 Hz (what the presets&apos; models take)</option>
          <option value="250">250 Hz</option>
          <option value="500">500 Hz</option>
          <option value="native">as recorded (first record&apos;s rate)</option>
        </select>
        <label htmlFor="import-windows">Long records</label>
        <select id="import-windows" value={windows} onChange={(e) => setWindows(e.target.value === 'consecutive' ? 'consecutive' : 'first')} data-testid="import-windows">
          <option value="first">first 10 s</option>
          <option value="consecutive">consecutive 10 s windows</option>
        </select>
        <span className="muted" style={{ whiteSpace: "normal" }}>records are resampled to it; the record browser shows the originals</span>
      </div>
      <ImportProgress />
      {error && (
        <div role="alert" className="alert error" style={{ marginTop: '0.6rem' }}>
          {error.message}{' '}
          {error.retry && (
            <button type="button" className="btn small" onClick={error.retry}>
              Retry
            </button>
          )}{' '}
          <button type="button" className="btn small ghost" onClick={clearError}>
            Dismiss
          </button>
        </div>
      )}
      <div className="data-layout">
        <ImportReportView />
        <section aria-labelledby="ds-title">
          <h3 id="ds-title" className="section-title">
            Loaded datasets
          </h3>
          <DatasetList />
        </section>
        <RecordBrowser />
      </div>
    </section>
  );
}
