import { useEffect } from 'react';
import type { BackendReport } from '../../core/experiment/contract';
import { useExperimentStore } from '../../store/experimentStore';
import { useHistoryStore, type HistoryRun } from '../../store/historyStore';

const NAMES: Record<string, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/** The backend of the newest run in the history that recorded one (runs are sorted newest first). */
function lastKnown(runs: readonly HistoryRun[]): BackendReport | null {
  for (const r of runs) if (r.backend?.backend) return r.backend;
  return null;
}

/**
 * Header badge: the tfjs backend actually running the training, how 'auto' chose it (the measured ms/step per
 * backend) and why it fell back when it did. Before any run in this page session (e.g. after a reload) it shows
 * the backend of the newest run in the history, marked "last run", without starting the training worker.
 */
export function BackendBadge() {
  const current = useExperimentStore((s) => s.backend);
  const last = useHistoryStore((s) => (current ? null : lastKnown(s.runs)));
  const backend = current ?? last;
  // The history (IndexedDB) is read once at start-up so the badge knows the last backend after a reload.
  useEffect(() => {
    const h = useHistoryStore.getState();
    if (!h.loaded) void h.load();
  }, []);
  if (!backend) {
    return (
      <span className="badge" data-testid="backend-badge" title="Chosen when a run starts: 'auto' times one training step on each available backend (WebGPU, WebGL, WASM) and keeps the fastest.">
        Backend: not started
      </span>
    );
  }
  const fromHistory = !current;
  const name = NAMES[backend.backend] ?? backend.backend;
  const fellBack = !!backend.reason;
  const measured = backend.measured;
  const threads = backend.backend === 'wasm' ? backend.threads : undefined;
  const threadText = threads === undefined ? '' : threads > 1 ? `${threads} threads` : '1 thread';
  const title = [
    fromHistory ? `Last run trained on ${name} (nothing is running now).` : fellBack ? `Asked for ${backend.requested ?? 'auto'}; running on ${name} because ${backend.reason}` : `Training runs on ${name}.`,
    measured ? `Chosen by measurement: ${measured}` : '',
    threads !== undefined ? `Convolutions run on ${threadText}${backend.threadsNote ? ` (${backend.threadsNote})` : ''}; results are the same bits for any thread count.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <span
      className="badge"
      data-testid="backend-badge"
      data-backend={backend.backend}
      data-source={fromHistory ? 'history' : 'worker'}
      title={title}
      data-threads={threads}
      aria-label={`tfjs backend: ${name}${threadText ? `, ${threadText}` : ''}${fromHistory ? ' (last run)' : ''}${fellBack ? ` (fallback: ${backend.reason})` : ''}${measured ? ` (measured: ${measured})` : ''}`}
    >
      <span aria-hidden="true" style={{ width: 8, height: 8, borderRadius: 4, background: fellBack ? 'var(--warn)' : fromHistory ? 'var(--muted, #888)' : 'var(--ok)', display: 'inline-block' }} />
      {name}
      {threadText && <span className="muted" style={{ fontSize: '0.75rem' }} data-testid="backend-threads">{threadText}</span>}
      {measured && !fromHistory && <span className="muted" style={{ fontSize: '0.75rem' }}>fastest</span>}
      {fromHistory && <span className="muted" style={{ fontSize: '0.75rem' }}>last run</span>}
      {fellBack && <span className="muted" style={{ fontSize: '0.75rem' }}>fallback</span>}
    </span>
  );
}
