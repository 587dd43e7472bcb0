/**
 * A record's median beat per lead (small multiples on one time axis, R at 0 ms) with the fiducial marks read
 * from it (P onset, QRS onset/offset, T end) and the intervals: PR, QRS, QT, RR in ms and HR.
 */
import type { MedianBeatView } from '../../core/signal/median/view';
import { displayLeadName } from '../../core/data/leadDisplay';
import './median.css';

const CELL_W = 150;
const CELL_H = 90;

const MARKS: { key: 'pOn' | 'qrsOn' | 'qrsOff' | 'tOff'; label: string; color: string }[] = [
  { key: 'pOn', label: 'P on', color: '#1a7f37' },
  { key: 'qrsOn', label: 'QRS on', color: '#1856a8' },
  { key: 'qrsOff', label: 'QRS off', color: '#1856a8' },
  { key: 'tOff', label: 'T end', color: '#b3261e' },
];

export function intervalItems(m: Pick<MedianBeatView, 'intervals' | 'rr_ms'>): { key: string; label: string; value: string }[] {
  const ms = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : `${Math.round(v)} ms`);
  return [
    { key: 'pr', label: 'PR', value: ms(m.intervals.pr_ms) },
    { key: 'qrs', label: 'QRS', value: ms(m.intervals.qrs_ms) },
    { key: 'qt', label: 'QT', value: ms(m.intervals.qt_ms) },
    { key: 'rr', label: 'RR', value: ms(m.rr_ms) },
    { key: 'hr', label: 'HR', value: `${m.intervals.hr_bpm.toFixed(0)} bpm` },
  ];
}

export function MedianBeat({ m }: { m: MedianBeatView }) {
  const n = m.median[0]?.length ?? 0;
  let lo = Infinity, hi = -Infinity;
  for (const s of m.median) for (const v of s) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  const span = hi > lo ? hi - lo : 1;
  const x = (t: number) => 4 + (t / Math.max(1, n - 1)) * (CELL_W - 8);
  const y = (v: number) => CELL_H - 14 - ((v - lo) / span) * (CELL_H - 24);
  const items = intervalItems(m);
  return (
    <div className="median-beat" data-testid="median-beat" data-pr={m.intervals.pr_ms} data-qrs={m.intervals.qrs_ms} data-qt={m.intervals.qt_ms} data-rr={m.rr_ms}>
      <div className="median-intervals" data-testid="median-intervals">
        {items.map((i) => (
          <span key={i.key} className="tag" data-interval={i.key}>
            {i.label} {i.value}
          </span>
        ))}
        <span className="muted">
          {' '}
          from {m.used} of {m.beats.length} beats (R peaks), {m.fs} Hz
        </span>
      </div>
      <div className="median-grid">
        {m.median.map((s, l) => {
          let d = '';
          for (let t = 0; t < s.length; t++) if (Number.isFinite(s[t])) d += `${d ? 'L' : 'M'}${x(t).toFixed(1)},${y(s[t]).toFixed(1)}`;
          return (
            <svg key={l} width={CELL_W} height={CELL_H} role="img" aria-label={`Median beat, lead ${displayLeadName(m.leadNames[l] ?? String(l + 1))}`} className="median-cell">
              <line x1={x(m.rIndex)} x2={x(m.rIndex)} y1={2} y2={CELL_H - 12} stroke="#999" strokeDasharray="2 2" />
              {MARKS.map((mk) => {
                const t = m.fiducials[mk.key];
                return t === undefined ? null : <line key={mk.key} x1={x(t)} x2={x(t)} y1={2} y2={CELL_H - 12} stroke={mk.color} strokeWidth={1.2} />;
              })}
              <path d={d} fill="none" stroke="currentColor" strokeWidth={1.3} />
              <text x={4} y={12} fontSize={11} fill="currentColor">
                {displayLeadName(m.leadNames[l] ?? String(l + 1))}
              </text>
            </svg>
          );
        })}
      </div>
      <p className="muted" style={{ fontSize: '0.75rem', margin: '2px 0 0' }}>
        Marks: <span style={{ color: '#1a7f37' }}>P onset</span>, <span style={{ color: '#1856a8' }}>QRS onset / offset</span>, <span style={{ color: '#b3261e' }}>T end</span>; dashed: R. Window {Math.round((m.rIndex / m.fs) * 1000)} ms before R to {Math.round(((n - 1 - m.rIndex) / m.fs) * 1000)} ms after.
      </p>
    </div>
  );
}
