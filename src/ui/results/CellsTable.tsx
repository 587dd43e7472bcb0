/**
 * The sweep's finished cells (stage × repeat × label budget), filling in while the sweep runs: training records,
 * test records and the chosen metric with its 95 % bootstrap interval.
 */
import { memo } from 'react';
import type { LiveCell } from '../../core/experiment/contract';
import { metricLabel } from './format';
import { cellRows } from './sweepView';

export const CellsTable = memo(function CellsTable({ cells, total, metric = 'macro_auc' }: { cells: LiveCell[]; total?: number; metric?: string }) {
  const rows = cellRows(cells, metric);
  if (rows.length === 0) return null;
  return (
    <details className="lab-cells" open data-testid="cells">
      <summary>
        Finished cells: {rows.length}
        {total !== undefined ? ` of ${total}` : ''}
      </summary>
      <div className="lab-table-wrap lab-cells-scroll">
        <table className="lab-table" data-testid="cells-table" aria-label="Finished cells of the sweep">
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">Repeat</th>
              <th scope="col">Budget</th>
              <th scope="col">n train</th>
              <th scope="col">n test</th>
              <th scope="col">Test metric [95 % CI]</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid="cell-row" data-cell={r.id}>
                <th scope="row">
                  {r.stage}
                  {r.cached && <span className="lab-muted"> (from cache)</span>}
                </th>
                <td>{r.repeat}</td>
                <td>{r.budgetLabel}</td>
                <td>{r.nTrain}</td>
                <td>{r.nTest}</td>
                <td>
                  {r.metric && <span className="lab-muted">{metricLabel(r.metric)} </span>}
                  {r.text}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
});
