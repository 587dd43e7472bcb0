/** Canvas drawing of an ECG sheet: paper grid, calibration pulses, traces (min/max decimated), marks. */
import type { Sheet } from './layout';
import { PAPER_SPEED_MM_S } from './layout';
import type { Marks, WaveKind } from './marks';
import { sameLead } from './marks';

export interface EcgColors {
  paper: string;
  minor: string;
  major: string;
  trace: string;
  text: string;
  P: string;
  QRS: string;
  T: string;
  point: string;
}

export function readColors(el: Element): EcgColors {
  const cs = getComputedStyle(el);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  return {
    paper: v('--ecg-paper', '#fff8f6'),
    minor: v('--ecg-grid-minor', '#f6c9c9'),
    major: v('--ecg-grid-major', '#e58a8a'),
    trace: v('--ecg-trace', '#111'),
    text: v('--ecg-text', '#333'),
    P: v('--ecg-p', '#1f6fd1'),
    QRS: v('--ecg-qrs', '#c62828'),
    T: v('--ecg-t', '#2e7d32'),
    point: v('--ecg-point', '#6a1b9a'),
  };
}

export interface DrawInput {
  signals: readonly Float32Array[];
  leadNames: readonly string[];
  fs: number;
  /** Per-lead value subtracted before drawing (centres records with a DC offset). */
  offsets: readonly number[];
  marks: Marks;
  showMarks: boolean;
  /** Draw PR / QRS / QT brackets under one beat (single-lead teaching view). */
  intervalBeat?: { pOn: number; qrsOn: number; qrsOff: number; tOff: number } | null;
  gainMmPerMv: number;
  /** Text labels on marks (wave letters, RR, beat symbols); off for dense multi-row sheets. */
  markText: boolean;
}

export function drawSheet(
  ctx: CanvasRenderingContext2D,
  sheet: Sheet,
  pxPerMm: number,
  input: DrawInput,
  colors: EcgColors,
): void {
  const W = sheet.widthMm * pxPerMm;
  const H = sheet.heightMm * pxPerMm;
  ctx.fillStyle = colors.paper;
  ctx.fillRect(0, 0, W, H);
  drawGrid(ctx, W, H, pxPerMm, colors);
  const { fs } = input;
  const mmPerSample = PAPER_SPEED_MM_S / fs;
  for (const row of sheet.rows) {
    const base = row.baselineMm * pxPerMm;
    drawCalibration(ctx, base, pxPerMm, input.gainMmPerMv, colors.trace);
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, row.topMm * pxPerMm, W, row.heightMm * pxPerMm);
    ctx.clip();
    for (const seg of row.segments) {
      const sig = input.signals[seg.lead];
      if (!sig) continue;
      const leadName = input.leadNames[seg.lead] ?? '';
      const s0 = Math.max(0, Math.floor(seg.t0 * fs));
      const s1 = Math.min(sig.length, Math.ceil(seg.t1 * fs));
      const x0 = seg.xMm * pxPerMm;
      const xOf = (s: number) => x0 + (s - seg.t0 * fs) * mmPerSample * pxPerMm;
      const yScale = input.gainMmPerMv * pxPerMm;
      const off = input.offsets[seg.lead] ?? 0;
      const yOf = (v: number) => base - (v - off) * yScale;
      if (input.showMarks) drawMarks(ctx, input.marks, leadName, s0, s1, xOf, row.topMm * pxPerMm, row.heightMm * pxPerMm, sig, yOf, colors, pxPerMm, input.markText);
      drawTrace(ctx, sig, s0, s1, xOf, yOf, fs, pxPerMm, colors.trace);
      if (input.showMarks && input.intervalBeat && input.intervalBeat.qrsOn >= s0 && input.intervalBeat.tOff < s1)
        drawIntervals(ctx, input.intervalBeat, xOf, (row.topMm + row.heightMm) * pxPerMm, pxPerMm, colors);
      // segment label (lead name) top-left
      ctx.fillStyle = colors.text;
      ctx.font = `600 ${Math.max(11, Math.min(14, 3 * pxPerMm))}px system-ui, sans-serif`;
      ctx.textBaseline = 'top';
      ctx.fillText(leadName, x0 + 1.5 * pxPerMm, row.topMm * pxPerMm + 1 * pxPerMm);
      if (seg.xMm > 12.5) {
        // column separator tick like on printed ECGs
        ctx.strokeStyle = colors.trace;
        ctx.lineWidth = 1;
        ctx.beginPath();
        ctx.moveTo(x0, base - 4 * pxPerMm);
        ctx.lineTo(x0, base + 4 * pxPerMm);
        ctx.stroke();
      }
    }
    ctx.restore();
  }
}

function drawGrid(ctx: CanvasRenderingContext2D, W: number, H: number, pxPerMm: number, colors: EcgColors): void {
  const line = (every: number, color: string, width: number) => {
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.beginPath();
    for (let mm = 0; mm * pxPerMm <= W; mm += every) {
      const x = Math.round(mm * pxPerMm) + 0.5;
      ctx.moveTo(x, 0);
      ctx.lineTo(x, H);
    }
    for (let mm = 0; mm * pxPerMm <= H; mm += every) {
      const y = Math.round(mm * pxPerMm) + 0.5;
      ctx.moveTo(0, y);
      ctx.lineTo(W, y);
    }
    ctx.stroke();
  };
  if (pxPerMm >= 2.2) line(1, colors.minor, 1);
  line(5, colors.major, pxPerMm >= 4 ? 1.3 : 1);
}

function drawCalibration(ctx: CanvasRenderingContext2D, base: number, pxPerMm: number, gain: number, color: string): void {
  // 1 mV pulse, 5 mm (200 ms) wide, starting 2 mm from the left edge.
  const x = 2 * pxPerMm;
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.moveTo(x - 1 * pxPerMm, base);
  ctx.lineTo(x, base);
  ctx.lineTo(x, base - gain * pxPerMm);
  ctx.lineTo(x + 5 * pxPerMm, base - gain * pxPerMm);
  ctx.lineTo(x + 5 * pxPerMm, base);
  ctx.lineTo(x + 7 * pxPerMm, base);
  ctx.stroke();
}

function drawTrace(
  ctx: CanvasRenderingContext2D,
  sig: Float32Array,
  s0: number,
  s1: number,
  xOf: (s: number) => number,
  yOf: (v: number) => number,
  fs: number,
  pxPerMm: number,
  color: string,
): void {
  ctx.strokeStyle = color;
  ctx.lineWidth = Math.max(1.2, Math.min(2, pxPerMm * 0.35));
  ctx.lineJoin = 'round';
  ctx.beginPath();
  const samplesPerPx = fs / (PAPER_SPEED_MM_S * pxPerMm);
  let pen = false;
  if (samplesPerPx <= 2) {
    for (let s = s0; s < s1; s++) {
      const v = sig[s];
      if (Number.isNaN(v)) {
        pen = false;
        continue;
      }
      const x = xOf(s);
      const y = yOf(v);
      if (pen) ctx.lineTo(x, y);
      else ctx.moveTo(x, y);
      pen = true;
    }
  } else {
    // min/max per pixel column: exact envelope, bounded work per pixel
    const step = samplesPerPx;
    for (let c = s0; c < s1; c += step) {
      const a = Math.floor(c);
      const b = Math.min(s1, Math.floor(c + step));
      let lo = Infinity;
      let hi = -Infinity;
      let first = NaN;
      let last = NaN;
      for (let s = a; s < b; s++) {
        const v = sig[s];
        if (Number.isNaN(v)) continue;
        if (Number.isNaN(first)) first = v;
        last = v;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (lo === Infinity) {
        pen = false;
        continue;
      }
      const x = xOf(a);
      if (pen) ctx.lineTo(x, yOf(first));
      else ctx.moveTo(x, yOf(first));
      ctx.lineTo(x, yOf(hi));
      ctx.lineTo(x, yOf(lo));
      ctx.lineTo(x, yOf(last));
      pen = true;
    }
  }
  ctx.stroke();
}

function drawMarks(
  ctx: CanvasRenderingContext2D,
  marks: Marks,
  leadName: string,
  s0: number,
  s1: number,
  xOf: (s: number) => number,
  top: number,
  height: number,
  sig: Float32Array,
  yOf: (v: number) => number,
  colors: EcgColors,
  pxPerMm: number,
  text: boolean,
): void {
  const inRange = (s: number) => s >= s0 && s < s1;
  ctx.save();
  for (const span of marks.spans) {
    if (!sameLead(span.lead, leadName)) continue;
    const on = span.on >= 0 ? span.on : span.peak;
    const off = span.off >= 0 ? span.off : span.peak;
    if (off < s0 || on >= s1) continue;
    const color = colors[span.kind as WaveKind];
    ctx.globalAlpha = 0.14;
    ctx.fillStyle = color;
    const xa = xOf(Math.max(on, s0));
    const xb = xOf(Math.min(off, s1 - 1));
    ctx.fillRect(xa, top, Math.max(1, xb - xa), height);
    ctx.globalAlpha = 0.9;
    ctx.strokeStyle = color;
    ctx.lineWidth = 1;
    ctx.setLineDash([3, 2]);
    ctx.beginPath();
    for (const s of [span.on, span.off]) {
      if (s >= 0 && inRange(s)) {
        const x = Math.round(xOf(s)) + 0.5;
        ctx.moveTo(x, top);
        ctx.lineTo(x, top + height);
      }
    }
    ctx.stroke();
    ctx.setLineDash([]);
    if (span.peak >= 0 && inRange(span.peak)) {
      const v = sig[span.peak];
      if (!Number.isNaN(v)) {
        ctx.fillStyle = color;
        ctx.beginPath();
        ctx.arc(xOf(span.peak), yOf(v), Math.max(2.5, pxPerMm * 0.7), 0, Math.PI * 2);
        ctx.fill();
      }
      if (text && pxPerMm >= 2.5) {
        ctx.font = `600 ${Math.max(10, Math.min(12, 2.6 * pxPerMm))}px system-ui, sans-serif`;
        ctx.textBaseline = 'bottom';
        ctx.textAlign = 'center';
        ctx.fillText(span.kind === 'QRS' ? 'R' : span.kind, xOf(span.peak), top + height - 1);
        ctx.textAlign = 'left';
      }
    }
  }
  ctx.globalAlpha = 1;
  ctx.fillStyle = colors.point;
  ctx.font = `${Math.max(10, Math.min(12, 2.6 * pxPerMm))}px system-ui, sans-serif`;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'center';
  for (const p of marks.points) {
    if (!text && p.text.startsWith('RR')) continue;
    if (!inRange(p.sample) || !sameLead(p.lead, leadName)) continue;
    ctx.fillText(p.text, xOf(p.sample), top + 4.5 * pxPerMm);
  }
  ctx.restore();
}

function drawIntervals(
  ctx: CanvasRenderingContext2D,
  b: { pOn: number; qrsOn: number; qrsOff: number; tOff: number },
  xOf: (s: number) => number,
  bottom: number,
  pxPerMm: number,
  colors: EcgColors,
): void {
  const bracket = (a: number, z: number, y: number, text: string, color: string) => {
    if (a < 0 || z < 0) return;
    const xa = xOf(a);
    const xz = xOf(z);
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(xa, y - 3);
    ctx.lineTo(xa, y + 3);
    ctx.moveTo(xa, y);
    ctx.lineTo(xz, y);
    ctx.moveTo(xz, y - 3);
    ctx.lineTo(xz, y + 3);
    ctx.stroke();
    ctx.font = `600 11px system-ui, sans-serif`;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    ctx.fillText(text, xz + 4, y);
  };
  const step = Math.max(12, 3.2 * pxPerMm);
  bracket(b.pOn, b.qrsOn, bottom - 3 * step, 'PR', colors.P);
  bracket(b.qrsOn, b.qrsOff, bottom - 2 * step, 'QRS', colors.QRS);
  bracket(b.qrsOn, b.tOff, bottom - 1 * step, 'QT', colors.T);
}
