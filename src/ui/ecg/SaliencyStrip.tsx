/**
 * "Why this prediction": per lead the model took, the record as the model saw it (thin line) over a heat map of
 * |attribution| (white → orange → red), and on top the strip summed over leads, on one time axis in seconds.
 * Canvas, devicePixelRatio aware; the accessible label names the leads and times that weigh most.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { RecordExplanation, RecordSamples } from '../../core/ml/explain/request';
import { displayLeadName } from '../../core/data/leadDisplay';

const ROW = 26;
const TOP = 30;
const AXIS = 18;
const LEFT = 44;

/** 0 → panel white, 0.5 → orange, 1 → red. */
export function heatColor(t: number): string {
  const v = Math.max(0, Math.min(1, t));
  const a = [255, 255, 255];
  const b = [255, 160, 40];
  const c = [200, 20, 20];
  const [p, q, f] = v < 0.5 ? [a, b, v / 0.5] : [b, c, (v - 0.5) / 0.5];
  const m = p.map((x, i) => Math.round(x + (q[i] - x) * f));
  return `rgb(${m[0]}, ${m[1]}, ${m[2]})`;
}

/** Peak time (s) of the summed strip and the leads ordered by their share. */
export function saliencySummary(e: Pick<RecordExplanation, 'strip' | 'leadTotals' | 'leads' | 'fs'>): { peakS: number; leads: { name: string; share: number }[] } {
  let k = 0;
  for (let t = 1; t < e.strip.length; t++) if (e.strip[t] > e.strip[k]) k = t;
  const leads = e.leads.map((name, i) => ({ name, share: e.leadTotals[i] ?? 0 })).sort((a, b) => b.share - a.share);
  return { peakS: k / e.fs, leads };
}

export function SaliencyStrip({ explanation: e, samples, testId = 'saliency-strip' }: { explanation: RecordExplanation; samples?: RecordSamples; testId?: string }) {
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const L = e.leads.length;
  const height = TOP + L * ROW + AXIS;
  const summary = useMemo(() => saliencySummary(e), [e]);

  useEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const c = canvas.current;
    if (!c || width <= LEFT + 10) return;
    const dpr = globalThis.devicePixelRatio || 1;
    c.width = Math.round(width * dpr);
    c.height = Math.round(height * dpr);
    const g = c.getContext('2d');
    if (!g) return;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, width, height);
    const W = width - LEFT - 6;
    const N = e.nSamples;
    const xOf = (t: number) => LEFT + (t / N) * W;
    const cols = Math.max(1, Math.floor(W));
    const binMax = (get: (t: number) => number, b: number) => {
      const lo = Math.floor((b * N) / cols);
      const hi = Math.max(lo + 1, Math.floor(((b + 1) * N) / cols));
      let m = 0;
      for (let t = lo; t < Math.min(N, hi); t++) m = Math.max(m, get(t));
      return m;
    };
    const fg = getComputedStyle(c).color || '#1b2430';
    g.font = '11px system-ui, sans-serif';
    g.fillStyle = fg;
    g.textBaseline = 'middle';
    // Summed strip
    for (let b = 0; b < cols; b++) {
      g.fillStyle = heatColor(binMax((t) => e.strip[t], b));
      g.fillRect(LEFT + b, 4, 1.2, TOP - 10);
    }
    g.fillStyle = fg;
    g.fillText('all', 6, 4 + (TOP - 10) / 2);
    // Per lead
    for (let l = 0; l < L; l++) {
      const y0 = TOP + l * ROW;
      for (let b = 0; b < cols; b++) {
        g.fillStyle = heatColor(binMax((t) => e.perLead[t * L + l], b));
        g.fillRect(LEFT + b, y0, 1.2, ROW - 2);
      }
      g.fillStyle = fg;
      g.fillText(displayLeadName(e.leads[l]), 6, y0 + ROW / 2);
      const li = samples ? samples.leadNames.findIndex((n) => n.toLowerCase() === e.leads[l].toLowerCase()) : -1;
      if (samples && li >= 0 && samples.nSamples === N) {
        const x = samples.x.subarray(li * N, (li + 1) * N);
        let lo = Infinity, hi = -Infinity;
        for (const v of x) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        const span = hi > lo ? hi - lo : 1;
        g.strokeStyle = '#1b2430';
        g.globalAlpha = 0.75;
        g.lineWidth = 1;
        g.beginPath();
        for (let t = 0; t < N; t++) {
          const y = y0 + ROW - 4 - ((x[t] - lo) / span) * (ROW - 8);
          if (t === 0) g.moveTo(xOf(t), y);
          else g.lineTo(xOf(t), y);
        }
        g.stroke();
        g.globalAlpha = 1;
      }
    }
    // Time axis (s)
    const seconds = N / e.fs;
    const step = seconds > 6 ? 1 : seconds > 2 ? 0.5 : 0.25;
    g.fillStyle = fg;
    g.textAlign = 'center';
    for (let s = 0; s <= seconds + 1e-9; s += step) {
      const x = xOf(s * e.fs);
      g.fillRect(x, TOP + L * ROW, 1, 4);
      g.fillText(`${Number(s.toFixed(2))} s`, x, TOP + L * ROW + 11);
    }
    g.textAlign = 'left';
  }, [e, samples, width, height, L]);

  const top = summary.leads.slice(0, 3).map((x) => `${displayLeadName(x.name)} ${(x.share * 100).toFixed(0)} %`).join(', ');
  const label = `Saliency (${e.method === 'grad-cam' ? `Grad-CAM on ${e.layerName ?? 'the last convolution'}` : 'integrated gradients'}): most weight on ${top}; peak at ${summary.peakS.toFixed(2)} s`;
  return (
    <div ref={wrap} className="drill-saliency" data-testid={testId} data-method={e.method} data-top-lead={summary.leads[0]?.name} data-peak-s={summary.peakS.toFixed(3)}>
      <canvas ref={canvas} role="img" aria-label={label} style={{ width: '100%', height }} />
      <p className="lab-muted lab-small">
        {label}.{e.fallback ? ` ${e.fallback}.` : ''} Darker red: the parts of a lead that moved the explained output most.
      </p>
    </div>
  );
}
