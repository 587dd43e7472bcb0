/**
 * Helpers for the live charts (LiteCharts.tsx): width measured from the card (ResizeObserver, no forced layout),
 * "nice" axis ticks, downsampling to at most MAX_POINTS points per series, reference-stable derived props, and the
 * HTML legend (drawn into PNG exports by exportPng.ts).
 */
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { fmt } from './format';

export const MAX_POINTS = 160;
export const AXIS_STROKE = 'var(--lab-muted, #888)';
export const GRID_STROKE = 'var(--lab-grid, #8884)';
export const fmt1 = (v: unknown) => fmt(v as number, 1);
export const fmt2 = (v: unknown) => fmt(v as number, 2);
export const fmt4 = (v: unknown) => fmt(v as number, 4);
export const fixed2 = (v: number) => v.toFixed(2);

/** The same reference as last time while the value is structurally equal (JSON), so memoised charts skip. */
export function useStable<T>(value: T): T {
  const ref = useRef<{ key: string; value: T } | null>(null);
  const key = JSON.stringify(value);
  if (!ref.current || ref.current.key !== key) ref.current = { key, value };
  return ref.current.value;
}

/**
 * Width of an element's content box, 0 until known. Read from ResizeObserver entries (delivered after layout),
 * never from `clientWidth` in an effect: that forces a synchronous layout of the whole page (≈ 15–20 ms here
 * when the Results panel mounts). The first size is taken at once, later ones (≥ 8 px change) debounced.
 */
export function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [w, setW] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') {
      setW(360);
      return;
    }
    let timer: ReturnType<typeof setTimeout> | null = null;
    let latest = 0;
    let first = true;
    const ro = new ResizeObserver((entries) => {
      const cw = entries[entries.length - 1]?.contentRect.width ?? 0;
      if (cw <= 0) return; // hidden
      latest = Math.max(120, Math.floor(cw));
      if (first) {
        first = false;
        setW(latest);
        return;
      }
      timer ??= setTimeout(() => {
        timer = null;
        setW((o) => (Math.abs(o - latest) >= 8 ? latest : o));
      }, 150);
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      if (timer) clearTimeout(timer);
    };
  }, [ref]);
  return w;
}

/** A measured box: `<div ref>` plus its width. */
export function useMeasured<T extends HTMLElement = HTMLDivElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  return [ref, useWidth(ref)];
}

/** Keep at most `max` items, evenly spaced by index, always the first and the last. */
export function downsample<T>(items: readonly T[], max = MAX_POINTS): T[] {
  if (items.length <= max) return items as T[];
  const out: T[] = [];
  const step = (items.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(items[Math.round(i * step)]);
  return out;
}

/** "Nice" ticks (1, 2, 2.5, 5 × 10^k steps) covering [lo, hi], about `count` of them; returns [domain, ticks]. */
export function niceTicks(lo: number, hi: number, count = 5): { domain: [number, number]; ticks: number[] } {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { domain: [0, 1], ticks: [0, 0.5, 1] };
  if (hi - lo < 1e-12) {
    const pad = Math.abs(hi) > 1e-12 ? Math.abs(hi) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / Math.max(1, count - 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const a = Math.floor(lo / step) * step;
  const b = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let v = a; v <= b + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return { domain: [a, b], ticks };
}

/** Integer ticks for an epoch axis 1..n (at most ~8 labels). */
export function epochTicks(n: number): { domain: [number, number]; ticks: number[] } {
  const last = Math.max(1, n);
  if (last <= 8) return { domain: [1, Math.max(2, last)], ticks: Array.from({ length: Math.max(2, last) }, (_, i) => i + 1) };
  const step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500].find((s) => last / s <= 7) ?? Math.ceil(last / 7);
  const ticks = [1];
  for (let v = step; v <= last; v += step) ticks.push(v);
  return { domain: [1, last], ticks };
}

/** Min/max of the finite numbers under `keys` in `rows`. */
export function extent(rows: readonly Record<string, unknown>[], keys: readonly string[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows)
    for (const k of keys) {
      const v = r[k];
      if (typeof v === 'number' && Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  return [lo, hi];
}

/** A measured box that renders its chart once its width is known (mounted with the chart, so it measures). */
export function Measured({ children }: { children: (width: number) => ReactNode }) {
  const [ref, width] = useMeasured();
  return <div ref={ref}>{width > 0 && children(width)}</div>;
}

export interface LegendItem {
  name: string;
  color: string;
  dashed?: boolean;
}

/** HTML legend (no chart re-layout); exportPng.ts draws it into PNG exports. */
export function HtmlLegend({ items }: { items: LegendItem[] }) {
  return (
    <ul className="lab-legend" aria-label="Legend">
      {items.map((it) => (
        <li key={it.name} data-color={it.color} data-dashed={it.dashed ? '1' : undefined}>
          <span className="lab-legend-swatch" style={{ borderTopColor: it.color, borderTopStyle: it.dashed ? 'dashed' : 'solid' }} aria-hidden="true" />
          {it.name}
        </li>
      ))}
    </ul>
  );
}
