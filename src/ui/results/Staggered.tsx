/**
 * Staggered chart rendering. Recharts 3 re-renders synchronously through its internal store, so one chart update
 * costs tens of milliseconds on a slow CPU; several charts updating in the same task (an epoch ends, the results
 * panel opens) would block the main thread for hundreds. Each <Staggered> releases its new content from a shared
 * queue, one chart per macrotask, so no single task renders more than one chart. Updates coalesce: a chart that
 * changes twice before its turn renders once, with the latest data.
 */
import { memo, useEffect, useRef, useState, type ReactNode } from 'react';

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
  function Inner({ render }: { token: unknown; render: () => ReactNode }) {
    return <>{render()}</>;
  },
  (a, b) => a.token === b.token,
);

export function Staggered({ token, height, children }: { token: unknown; height: number; children: () => ReactNode }) {
  const [released, setReleased] = useState<{ token: unknown } | null>(null);
  const latest = useRef(token);
  const pending = useRef(false);
  const alive = useRef(true);
  latest.current = token;
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  useEffect(() => {
    if (released?.token === token || pending.current) return;
    pending.current = true;
    queue.push(() => {
      pending.current = false;
      if (alive.current) setReleased({ token: latest.current });
    });
    schedule();
  }, [token, released]);
  if (!released) return <div style={{ height }} className="lab-chart-placeholder" aria-busy="true" />;
  return <Inner token={released.token} render={children} />;
}
