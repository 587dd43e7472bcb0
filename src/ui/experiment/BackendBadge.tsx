import { useExperimentStore } from '../../store/experimentStore';

const NAMES: Record<string, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/** Header badge: the tfjs backend actually running the training, and why it fell back when it did. */
export function BackendBadge() {
  const backend = useExperimentStore((s) => s.backend);
  if (!backend) {
    return (
      <span className="badge" data-testid="backend-badge" title="The backend is chosen when a run starts (WebGPU → WebGL → WASM → CPU).">
        Backend: not started
      </span>
    );
  }
  const name = NAMES[backend.name] ?? backend.name;
  const fellBack = !!backend.reason;
  const title = fellBack ? `Asked for ${backend.requested ?? 'auto'}; running on ${name} because ${backend.reason}` : `Training runs on ${name}`;
  return (
    <span className="badge" data-testid="backend-badge" data-backend={backend.name} title={title} aria-label={`tfjs backend: ${name}${fellBack ? ` (fallback: ${backend.reason})` : ''}`}>
      <span aria-hidden="true" style={{ width: 8, height: 8, borderRadius: 4, background: fellBack ? 'var(--warn)' : 'var(--ok)', display: 'inline-block' }} />
      {name}
      {fellBack && <span className="muted" style={{ fontSize: '0.75rem' }}>fallback</span>}
    </span>
  );
}
