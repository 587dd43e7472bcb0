import { useDataStore } from '../../store/dataStore';

/** The last import: what loaded and every file that did not, with its reason. */
export function ImportReportView() {
  const r = useDataStore((s) => s.lastImport);
  if (!r) return null;
  const skipped = r.errors.filter((e) => e.code === 'skipped').length;
  const problems = r.errors.length - skipped;
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
      {r.errors.length > 0 && (
        <ul className="errors-list" aria-label="Import errors" data-testid="import-errors">
          {r.errors.map((e, i) => (
            <li key={`${e.file}-${i}`}>
              <code>{e.file}</code>
              <span className={e.code === 'skipped' ? 'err-code skipped' : 'err-code'}>{e.code}</span>
              <span>{e.error.startsWith(`${e.file}: `) ? e.error.slice(e.file.length + 2) : e.error}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
