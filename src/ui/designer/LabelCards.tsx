import type { EcgLabels } from '../../core/signal/types';

/** The exact labels of the synthesized record (the regression targets). */
export function LabelCards({ labels }: { labels: EcgLabels | null }) {
  const cards: { key: string; name: string; value: string; unit: string; title: string }[] = [
    { key: 'hr', name: 'HR', value: labels ? labels.hr_bpm.toFixed(1) : '…', unit: 'bpm', title: 'Heart rate: 60 000 / mean RR' },
    {
      key: 'pr',
      name: 'PR',
      value: labels ? (labels.pr_ms === null ? '—' : labels.pr_ms.toFixed(0)) : '…',
      unit: labels && labels.pr_ms === null ? 'no P wave' : 'ms',
      title: 'P onset to QRS onset',
    },
    { key: 'qrs', name: 'QRS', value: labels ? labels.qrs_ms.toFixed(0) : '…', unit: 'ms', title: 'QRS onset to QRS offset' },
    { key: 'qt', name: 'QT', value: labels ? labels.qt_ms.toFixed(0) : '…', unit: 'ms', title: 'QRS onset to T offset' },
  ];
  return (
    <dl className="label-cards" aria-label="Exact labels of this record" aria-live="polite">
      {cards.map((c) => (
        <div key={c.key} className={`label-card lc-${c.key}`} title={c.title} data-testid={`label-${c.key}`}>
          <dt>{c.name}</dt>
          <dd>
            <span className="lc-value">{c.value}</span> <span className="lc-unit">{c.unit}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
