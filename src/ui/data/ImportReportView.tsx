import { useState } from 'react';
import { useDataStore, type FileAccount, type ImportError } from '../../store/dataStore';

const FATE_TEXT: Record<FileAccount['fate'], string> = {
  record: 'read as records',
  part: 'used as part of a record',
  skipped: 'skipped',
  failed: 'failed',
};

/** A CSV without a time column: a rate field (prefilled with the guess) and "Read again". */
function RateField({ e }: { e: ImportError }) {
  const readAgain = useDataStore((s) => s.readAgain);
  const busy = useDataStore((s) => s.importing !== null);
  const [fs, setFs] = useState(e.guessFs !== undefined ? String(e.guessFs) : '');
  const n = Number(fs);
  const ok = fs.trim() !== '' && Number.isFinite(n) && n > 0;
  const id = `rate-${e.file}`;
  return (
    <div className="rate-field" data-testid="needs-rate" style={{ marginTop: '0.25rem' }}>
      <label htmlFor={id}>Sampling rate (Hz)</label>{' '}
      <input id={id} type="number" min={1} step="any" value={fs} onChange={(ev) => setFs(ev.target.value)} style={{ width: '6rem' }} data-testid="needs-rate-input" />
      {e.guessFs !== undefined && e.rows !== undefined && <small className="muted"> guessed from its {e.rows} rows (10 s, or whole seconds, at a common rate)</small>}{' '}
      <button type="button" disabled={!ok || busy} onClick={() => void readAgain(e.file, n)} data-testid="read-again">
        Read again
      </button>
    </div>
  );
}

/** The last import: what loaded, every file dropped with what became of it, and every problem with its reason. */
export function ImportReportView() {
  const r = useDataStore((s) => s.lastImport);
  if (!r) return null;
  const skipped = r.errors.filter((e) => e.code === 'skipped').length;
  const problems = r.errors.length - skipped;
  const fates = { record: 0, part: 0, skipped: 0, failed: 0 };
  for (const f of r.files) fates[f.fate]++;
  return (
    <section className="card" aria-labelledby="import-report-title" data-testid="import-report">
      <h3 id="import-report-title">Last import</h3>
      <p style={{ margin: '0 0 0.4rem' }}>
        {r.fileCount} file{r.fileCount === 1 ? '' : 's'} read · <strong>{r.recordCount}</strong> record{r.recordCount === 1 ? '' : 's'} loaded
        {problems > 0 && (
          <>
            {' '}
            · <strong style={{ color: 'var(--danger)' }}>{problems} problem{problems === 1 ? '' : 's'}</strong>
          </>
        )}
        {skipped > 0 && (
          <>
            {' '}
            · <strong style={{ color: 'var(--warn)' }}>{skipped} record{skipped === 1 ? '' : 's'} left out</strong>
          </>
        )}
      </p>
      {r.files.length > 0 && (
        <details data-testid="import-accounting">
          <summary>
            Every file: <span data-testid="accounting-total">{r.files.length}</span> ={' '}
            {(Object.keys(FATE_TEXT) as FileAccount['fate'][]).map((k, i) => (
              <span key={k} data-testid={`fate-${k}`} data-count={fates[k]}>
                {i > 0 ? ' + ' : ''}
                {fates[k]} {FATE_TEXT[k]}
              </span>
            ))}
          </summary>
          <ul className="errors-list" aria-label="Every file dropped">
            {r.files.map((f) => (
              <li key={f.file} data-testid="file-fate" data-fate={f.fate}>
                <code>{f.file}</code>
                <span className={f.fate === 'failed' ? 'err-code' : 'err-code skipped'}>{f.fate}</span>
                <span>{f.note}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {r.errors.length > 0 && (
        <ul className="errors-list" aria-label="Import errors" data-testid="import-errors">
          {r.errors.map((e, i) => (
            <li key={`${e.file}-${i}`}>
              <code>{e.file}</code>
              <span className={e.code === 'skipped' ? 'err-code skipped' : 'err-code'}>{e.code}</span>
              <span>{e.error.startsWith(`${e.file}: `) ? e.error.slice(e.file.length + 2) : e.error}</span>
              {e.code === 'needs-sampling-rate' && <RateField e={e} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
