import { memo, useId, useState, type KeyboardEvent } from 'react';
import { ChartFrame } from './ChartFrame';

/** Blend from the panel background towards the accent by t ∈ [0, 1] (sRGB, good enough for a heat map). */
function heat(t: number): string {
  const a = [235, 242, 250];
  const b = [24, 86, 168];
  const c = a.map((x, i) => Math.round(x + (b[i] - x) * Math.max(0, Math.min(1, t))));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

export interface ConfusionMatrixProps {
  classes: string[];
  /** rows = true class, columns = predicted class */
  matrix: number[][];
  title: string;
  fileName?: string;
  /** data-* attributes for tests and tools (stage, split, epoch, number of per-epoch updates). */
  data?: Record<string, string | number | undefined>;
  /** Makes the cells buttons: called with (true class, predicted class) of the cell clicked. */
  onCell?: (trueClass: number, predClass: number) => void;
}

/** Confusion matrix heat map with counts or row-normalised fractions, class names on both axes. */
export const ConfusionMatrix = memo(
  ConfusionMatrixImpl,
  (a, b) => a.matrix === b.matrix && a.onCell === b.onCell && a.title === b.title && a.classes.join() === b.classes.join() && JSON.stringify(a.data) === JSON.stringify(b.data),
);

function ConfusionMatrixImpl({ classes, matrix, title, fileName = 'confusion-matrix', data, onCell }: ConfusionMatrixProps) {
  const [normalised, setNormalised] = useState(false);
  const id = useId();
  const n = matrix.length;
  const names = Array.from({ length: n }, (_, i) => classes[i] ?? `class ${i}`);
  const total = matrix.reduce((s, r) => s + r.reduce((a, b) => a + b, 0), 0);
  const max = Math.max(1, ...matrix.flat());
  const cell = n <= 5 ? 58 : Math.max(30, Math.floor(300 / n));
  const longest = Math.max(...names.map((c) => c.length));
  const left = Math.max(60, 12 + longest * 6.5);
  const top = 30 + Math.min(90, longest * 4.6);
  const w = left + n * cell + Math.max(58, longest * 5);
  const h = top + n * cell + 16;
  const toggle = (
    <label className="lab-toggle" htmlFor={id}>
      <input id={id} type="checkbox" checked={normalised} onChange={(e) => setNormalised(e.target.checked)} /> Row-normalised
    </label>
  );
  return (
    <ChartFrame title={title} fileName={fileName} testId="confusion-matrix" actions={toggle} data={data}>
      <svg width={w} height={h} role="img" aria-label={`${title}: ${total} records`} className="lab-cm" data-total={total}>
        <text x={left + (n * cell) / 2} y={12} textAnchor="middle" fontSize={11} fill="currentColor">predicted</text>
        <text x={10} y={top + (n * cell) / 2} textAnchor="middle" fontSize={11} fill="currentColor" transform={`rotate(-90 10 ${top + (n * cell) / 2})`}>true</text>
        {names.map((c, j) => (
          <text key={`c${j}`} x={left + j * cell + cell / 2} y={top - 6} textAnchor="start" fontSize={11} fill="currentColor" transform={`rotate(-40 ${left + j * cell + cell / 2} ${top - 6})`}>{c}</text>
        ))}
        {names.map((c, i) => (
          <text key={`r${i}`} x={left - 6} y={top + i * cell + cell / 2 + 4} textAnchor="end" fontSize={11} fill="currentColor">{c}</text>
        ))}
        <text x={left + n * cell + 8} y={top - 8} fontSize={10} fill="currentColor">n</text>
        {matrix.map((row, i) => {
          const rowSum = row.reduce((a, b) => a + b, 0);
          return (
            <g key={i}>
              {row.map((v, j) => {
                const frac = rowSum > 0 ? v / rowSum : 0;
                const t = normalised ? frac : v / max;
                const label = normalised ? (rowSum > 0 ? `${(frac * 100).toFixed(0)}%` : '—') : String(v);
                return (
                  <g
                    key={j}
                    data-testid="cm-cell"
                    data-count={v}
                    data-true={i}
                    data-pred={j}
                    aria-label={`true ${names[i]}, predicted ${names[j]}: ${v}${onCell ? ' (list these records)' : ''}`}
                    {...(onCell ? { role: 'button', tabIndex: 0, className: 'lab-cm-cell-action', onClick: () => onCell(i, j), onKeyDown: (e: KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && onCell(i, j) } : {})}
                  >
                    <rect x={left + j * cell} y={top + i * cell} width={cell - 2} height={cell - 2} rx={3} fill={heat(t)} stroke={i === j ? '#17a673' : 'none'} strokeWidth={i === j ? 2 : 0} />
                    <text x={left + j * cell + (cell - 2) / 2} y={top + i * cell + (cell - 2) / 2 + 4} textAnchor="middle" fontSize={12} fontWeight={i === j ? 700 : 400} fill={t > 0.55 ? '#fff' : '#1b2430'}>
                      {label}
                    </text>
                  </g>
                );
              })}
              <text x={left + n * cell + 8} y={top + i * cell + cell / 2 + 4} fontSize={11} fill="currentColor">{rowSum}</text>
            </g>
          );
        })}
      </svg>
    </ChartFrame>
  );
}
