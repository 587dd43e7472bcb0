/**
 * Progress lines of a run in the browser engine (`cli run --host chromium`): the training worker streams the lab's
 * live events, which carry what `progressLine` prints for the Node runner's events; printed the same way.
 */
import type { LiveEvent } from '../src/core/experiment/contract';

const fmt = (v: unknown, d = 3) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : '–');
const shown = (m: Record<string, unknown> | undefined) =>
  Object.entries(m ?? {})
    .filter(([k, v]) => typeof v === 'number' && (k.startsWith('mae_') || ['accuracy', 'macro_auc', 'macro_f1'].includes(k)))
    .map(([k, v]) => `${k} ${fmt(v)}`)
    .join(' ');

export function liveProgress(log: (s: string) => void, quiet: boolean): (ev: LiveEvent) => void {
  const epochs = new Map<string, number>();
  let index = 0;
  let total = 0;
  return (ev) => {
    switch (ev.type) {
      case 'plan':
        total = ev.stages.length;
        log(`run in Chromium on ${ev.backend?.backend ?? '?'}${(ev.backend?.threads ?? 1) > 1 ? ` (${ev.backend!.threads} threads)` : ''}${ev.backend?.reason ? ` (${ev.backend.reason})` : ''}: ${ev.stages.map((s) => s.name).join(', ')}`);
        return;
      case 'log':
        log(`${ev.level === 'warn' ? 'warning: ' : ''}${ev.text}`);
        return;
      case 'stage-start':
        index++;
        if (ev.epochs) epochs.set(ev.stage, ev.epochs);
        log(`[${index}/${Math.max(index, total)}] ${ev.kind} ${ev.stage}: ${ev.params ?? '?'} params${ev.split ? `; train ${ev.split.nTrain} / val ${ev.split.nVal} / test ${ev.split.nTest}` : ''}${ev.epochs ? `; ${ev.epochs} epochs${ev.estimatedS !== undefined ? `, est. ${ev.estimatedS.toFixed(0)} s` : ''}` : ''}`);
        return;
      case 'epoch':
        if (!quiet) log(`  ${ev.stage} epoch ${ev.epoch}/${epochs.get(ev.stage) ?? '?'} loss ${fmt(ev.loss, 4)} val ${fmt(ev.valLoss, 4)} ${shown(ev.metrics)}${ev.etaS !== undefined ? ` (ETA ${ev.etaS.toFixed(0)} s)` : ''}`);
        return;
      case 'stage-end':
        log(ev.metrics?.test ? `  ${ev.stage} test (n=${String(ev.metrics.test.n)}): ${shown(ev.metrics.test)}${ev.seconds !== undefined ? ` [${ev.seconds.toFixed(0)} s]` : ''}` : `  ${ev.stage} done`);
        return;
      default:
        return;
    }
  };
}
