import { useDataStore } from '../../store/dataStore';

/** The last import: what loaded and every file that did not, with its reason. */
export function ImportReportView() {
  const r = useDataStore((s) => s.lastImport);
  if (!r) return null;
  return (
    <section className="card" aria-labelledby="import-report-title" data-testid="import-report">
      <h3 id="import-report-title">Last import</h3>
      <p style={{ margin: '0 0 0.4rem' }}>
        {r.fileCount} file{r.fileCount === 1 ? '' : 's'} read · <strong>{r.recordCount}</strong> record{r.recordCount === 1 ? '' : 's'} loaded
        {r.errors.length > 0 && (
          <>
            {' '}
            · <strong style={{ color: 'var(--danger)' }}>{r.errors.length} problem{r.errors.length === 1 ? '' : 's'}</strong>
          </>
        )}
      </p>
      {r.errors.length > 0 && (
        <ul className="errors-list" aria-label="Import errors" data-testid="import-errors">
          {r.errors.map((e, i) => (
            <li key={`${e.file}-${i}`}>
              <code>{e.file}</code>
              <span className="err-code">{e.code}</span>
              <span>{e.error.startsWith(`${e.file}: `) ? e.error.slice(e.file.length + 2) : e.error}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
