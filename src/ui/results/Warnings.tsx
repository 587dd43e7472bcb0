/**
 * Warnings about a test split or a model's predictions, in the words the engine wrote them (plain sentences a
 * teacher can read aloud), each naming the stages it concerns.
 */
import type { WarningGroup } from './sweepView';

export function ResultWarnings({ groups, label = 'Read before trusting these numbers' }: { groups: WarningGroup[]; label?: string }) {
  if (groups.length === 0) return null;
  return (
    <div className="lab-warnings" role="note" aria-label={label} data-testid="result-warnings">
      <p className="lab-warnings-title">
        <span aria-hidden="true">⚠</span> {label}
      </p>
      <ul>
        {groups.map((g) => (
          <li key={g.message} data-testid="result-warning" data-code={g.code}>
            {g.message}
            {g.stages.length > 0 && <span className="lab-muted"> ({g.stages.join(', ')})</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
