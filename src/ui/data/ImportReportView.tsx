import { useState } from 'react';
import { useDataStore, type FileAccount, type ImportError } from '../../store/dataStore';
import { reportRows } from '../../core/data/importReport';

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

/** Rows of the every-file list shown at once; more on demand (a list of tens of thousands costs the tab its memory). */
const FILE_ROWS = 500;

function FileFates({ files }: { files: FileAccount[] }) {
  const [shown, setShown] = useState(FILE_ROWS);
  return (
    <>
      <ul className="errors-list" aria-label="Every other file dropped">
        {files.slice(0, shown).map((f) => (
          <li key={f.file} data-testid="file-fate" data-fate={f.fate}>
            <code>{f.file}</code>
            <span className={f.fate === 'failed' ? 'err-code' : 'err-code skipped'}>{f.fate}</span>
            <span>{f.note}</span>
          </li>
        ))}
      </ul>
      {files.length > shown && (
        <button type="button" className="btn" onClick={() => setShown((n) => n + FILE_ROWS * 10)} data-testid="file-fates-more">
          Show {Math.min(FILE_ROWS * 10, files.length - shown)} more of {files.length - shown} not listed
        </button>
      )}
    </>
  );
}

/**
 * The last import: what loaded, every problem with its reason (failed files, records left out), and every other
 * file dropped with what became of it. Each file is named once: a failed file is listed with its error, not again
 * among the other files.
 */
export function ImportReportView() {
  const r = useDataStore((s) => s.lastImport);
  // The every-file list is built only while it is open: a full PTB-XL pick names 87 198 files.
  const [open, setOpen] = useState(false);
  if (!r) return null;
  const rows = reportRows(r);
  const skipped = rows.problems.filter((p) => p.error.code === 'skipped').length;
  const problems = rows.problems.length - skipped;
  const fates = { record: 0, part: 0, skipped: 0, failed: 0 };
  for (const f of r.files) fates[f.fate]++;
  const listedAbove = r.files.length - rows.files.length;
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
        <details data-testid="import-accounting" onToggle={(e) => setOpen(e.currentTarget.open)}>
          <summary>
            Every file: <span data-testid="accounting-total">{r.files.length}</span> ={' '}
            {(Object.keys(FATE_TEXT) as FileAccount['fate'][]).map((k, i) => (
              <span key={k} data-testid={`fate-${k}`} data-count={fates[k]}>
                {i > 0 ? ' + ' : ''}
                {fates[k]} {FATE_TEXT[k]}
              </span>
            ))}
          </summary>
          {listedAbove > 0 && (
            <p className="muted" style={{ margin: '0.3rem 0', fontSize: '0.85rem' }} data-testid="accounting-listed-above">
              {listedAbove} of them (failed, or files of records left out) are listed with their reasons below, not again here.
            </p>
          )}
          {open && <FileFates files={rows.files} />}
        </details>
      )}
      {rows.problems.length > 0 && (
        <ul className="errors-list" aria-label="Import errors" data-testid="import-errors">
          {rows.problems.map(({ file, error: e, more }) => (
            <li key={file} data-testid="import-problem">
              <code>{e.file}</code>
              <span className={e.code === 'skipped' ? 'err-code skipped' : 'err-code'}>{e.code}</span>
              <span>{[e.error, ...more].map((m) => (m.startsWith(`${e.file}: `) ? m.slice(e.file.length + 2) : m)).join('; ')}</span>
              {e.code === 'needs-sampling-rate' && <RateField e={e} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
