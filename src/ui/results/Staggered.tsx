/**
 * Staggered chart rendering. Recharts 3 re-renders synchronously through its internal store, so one chart update
 * costs milliseconds to tens of milliseconds on a slow CPU; several charts updating in the same task (an epoch
 * ends, the results panel opens) would add up. Each <Staggered> releases its new content from a shared queue, one
 * chart per macrotask, so no single task renders more than one chart; the release is a transition, so React
 * renders it in time slices. Updates coalesce: a chart that changes twice before its turn renders once, with the
 * latest data. `width` and `tip` (tooltip mounted) are part of the token.
 */
import { memo, startTransition, useEffect, useRef, useState, type ReactNode } from 'react';

const queue: (() => void)[] = [];
let scheduled = false;

function pump(): void {
  scheduled = false;
  const job = queue.shift();
  job?.();
  if (queue.length) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  // A macrotask per chart: the browser can paint and handle input between two charts.
  setTimeout(pump, 0);
}

const Inner = memo(
  function Inner({ render }: { token: unknown; width: number; tip: boolean; render: () => ReactNode }) {
    return <>{render()}</>;
  },
  (a, b) => a.token === b.token && a.width === b.width && a.tip === b.tip,
);

export function Staggered({ token, width, tip = false, height, children }: { token: unknown; width: number; tip?: boolean; height: number; children: () => ReactNode }) {
  const [released, setReleased] = useState<{ token: unknown; width: number; tip: boolean } | null>(null);
  const latest = useRef({ token, width, tip });
  const pending = useRef(false);
  const alive = useRef(true);
  latest.current = { token, width, tip };
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  useEffect(() => {
    if (width <= 0) return; // not measured yet (see useWidth)
    if ((released && released.token === token && released.width === width && released.tip === tip) || pending.current) return;
    pending.current = true;
    queue.push(() => {
      pending.current = false;
      if (alive.current) startTransition(() => setReleased({ ...latest.current }));
    });
    schedule();
  }, [token, width, tip, released]);
  if (!released) return <div style={{ height }} className="lab-chart-placeholder" aria-busy="true" />;
  return <Inner token={released.token} width={released.width} tip={released.tip} render={children} />;
}
