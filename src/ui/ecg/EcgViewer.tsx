/**
 * Canvas ECG viewer on standard ECG paper (25 mm/s, 10 mm/mV by default, 1 mm and 5 mm grid).
 * Single lead, every lead stacked, or the standard 12-lead grid; fiducial markers and file annotations;
 * scroll (slider, drag, arrow keys) and zoom (buttons, +/-) for long records; devicePixelRatio aware.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { BeatFiducials } from '../../core/signal/types';
import type { Annotation } from '../../core/formats/recording';
import { canGrid, clampStart, computeSheet, MARGIN_MM, PAPER_SPEED_MM_S, type ViewLayout } from './layout';
import { drawSheet, readColors } from './draw';
import { marksFromAnnotations, marksFromBeats, mergeMarks } from './marks';
import { displayLeadName } from '../../core/data/leadDisplay';
import { useUiStore } from '../../store/uiStore';

export interface EcgViewerProps {
  signals: readonly Float32Array[];
  leadNames: readonly string[];
  fs: number;
  beats?: readonly BeatFiducials[];
  annotations?: readonly Annotation[];
  /** Initial layout; the user can change it. */
  layout?: ViewLayout;
  /** Lead shown in 'single' layout (index). */
  lead?: number;
  /** Accessible description, e.g. "Synthetic ECG preview". */
  label: string;
  /** Draw PR/QRS/QT brackets under the second beat in single-lead view. */
  showIntervals?: boolean;
  /** Hide the toolbar (compact previews). */
  compact?: boolean;
  testId?: string;
  /** Initial zoom factor relative to "10 s across the width" (1). */
  initialZoom?: number;
}

const ZOOMS = [0.5, 0.75, 1, 1.5, 2, 3, 4];
const GAINS = [5, 10, 20];

function median(sig: Float32Array): number {
  if (sig.length === 0) return 0;
  const step = Math.max(1, Math.floor(sig.length / 2000));
  const vals: number[] = [];
  for (let i = 0; i < sig.length; i += step) if (!Number.isNaN(sig[i])) vals.push(sig[i]);
  if (vals.length === 0) return 0;
  vals.sort((a, b) => a - b);
  return vals[vals.length >> 1];
}

export function EcgViewer(props: EcgViewerProps) {
  const { signals, fs, beats, annotations, label, compact } = props;
  // Lead names read the same everywhere (aVR, not AVR or avr), whatever the file wrote.
  const leadNames = useMemo(() => props.leadNames.map(displayLeadName), [props.leadNames]);
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const [layout, setLayout] = useState<ViewLayout>(props.layout ?? 'single');
  const [lead, setLead] = useState(props.lead ?? 1);
  const [zoom, setZoom] = useState(props.initialZoom ?? 1);
  const [gain, setGain] = useState(10);
  const [startS, setStartS] = useState(0);
  const [showMarks, setShowMarks] = useState(true);
  const theme = useUiStore((s) => s.theme);
  const id = useId();

  useEffect(() => setLayout(props.layout ?? 'single'), [props.layout]);
  useEffect(() => {
    if (props.lead !== undefined) setLead(props.lead);
  }, [props.lead]);

  const nSamples = signals[0]?.length ?? 0;
  const durationS = fs > 0 ? nSamples / fs : 0;
  const effLayout: ViewLayout = layout === 'grid' && !canGrid(leadNames) ? (leadNames.length > 1 ? 'stack' : 'single') : layout;
  const effLead = Math.max(0, Math.min(lead, leadNames.length - 1));

  // Fit: show up to 10 s across the available width (the standard 10 s sheet), then the zoom factor.
  const basePxPerMm = width > 0 ? width / (MARGIN_MM + Math.max(1, Math.min(durationS || 10, 10)) * PAPER_SPEED_MM_S) : 4;
  const pxPerMm = Math.max(1.2, basePxPerMm * zoom);
  const widthMm = width / pxPerMm;

  const sheet = useMemo(
    () => computeSheet({ layout: effLayout, leadNames, lead: effLead, widthMm, startS, durationS, gainMmPerMv: gain }),
    [effLayout, leadNames, effLead, widthMm, startS, durationS, gain],
  );
  const start = clampStart(startS, durationS, sheet.windowS);
  const offsets = useMemo(() => signals.map(median), [signals]);
  const marks = useMemo(
    () => mergeMarks(marksFromBeats(beats as BeatFiducials[] | undefined, fs), marksFromAnnotations(annotations as Annotation[] | undefined)),
    [beats, annotations, fs],
  );
  /** "P:n QRS:n T:n" — how many wave spans (onset/peak/offset) are drawn; read by tests and assistive tools. */
  const waveCounts = useMemo(() => {
    const c: Record<string, number> = { P: 0, QRS: 0, T: 0 };
    for (const sp of marks.spans) c[sp.kind]++;
    return `P:${c.P} QRS:${c.QRS} T:${c.T}`;
  }, [marks]);
  const intervalBeat = useMemo(() => {
    if (!props.showIntervals || effLayout !== 'single' || !beats || beats.length < 2) return null;
    return beats.find((x) => x.pOn / fs >= start + 0.5 && x.tOff > 0) ?? beats.find((x) => x.qrsOn / fs >= start + 0.5 && x.tOff > 0) ?? null;
  }, [props.showIntervals, effLayout, beats, fs, start]);

  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const ro = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0].contentRect.width);
      if (w > 0) setWidth(w);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    const cssH = Math.ceil(sheet.heightMm * pxPerMm) + 1;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${cssH}px`;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(cssH * dpr);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const t0 = performance.now();
    drawSheet(ctx, sheet, pxPerMm, { signals, leadNames, fs, offsets, marks, showMarks, intervalBeat, gainMmPerMv: gain, markText: effLayout === 'single' || sheet.rows.length <= 3 }, readColors(canvas));
    canvas.dataset.drawMs = (performance.now() - t0).toFixed(1);
    canvas.dataset.drawn = String(Number(canvas.dataset.drawn ?? 0) + 1);
  }, [sheet, pxPerMm, width, signals, leadNames, fs, offsets, marks, showMarks, intervalBeat, gain, theme, effLayout]);

  const scrollable = durationS > sheet.windowS + 1e-6;
  const pan = (ds: number) => setStartS(clampStart(start + ds, durationS, sheet.windowS));
  const zoomBy = (dir: 1 | -1) => {
    const i = ZOOMS.indexOf(zoom);
    setZoom(ZOOMS[Math.max(0, Math.min(ZOOMS.length - 1, (i < 0 ? 2 : i) + dir))]);
  };

  const dragRef = useRef<{ x: number; start: number } | null>(null);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowRight') pan(sheet.windowS / 4);
    else if (e.key === 'ArrowLeft') pan(-sheet.windowS / 4);
    else if (e.key === '+' || e.key === '=') zoomBy(1);
    else if (e.key === '-') zoomBy(-1);
    else if (e.key === 'Home') setStartS(0);
    else if (e.key === 'End') setStartS(durationS);
    else return;
    e.preventDefault();
  };

  return (
    <figure className="ecg-viewer" data-testid={props.testId}>
      {!compact && (
        <div className="ecg-toolbar" role="toolbar" aria-label={`${label} controls`}>
          <label>
            View{' '}
            <select value={effLayout} onChange={(e) => setLayout(e.target.value as ViewLayout)}>
              <option value="single">Single lead</option>
              {leadNames.length > 1 && <option value="stack">All leads stacked</option>}
              {canGrid(leadNames) && <option value="grid">12-lead grid</option>}
            </select>
          </label>
          {effLayout === 'single' && leadNames.length > 1 && (
            <label>
              Lead{' '}
              <select value={effLead} onChange={(e) => setLead(Number(e.target.value))}>
                {leadNames.map((n, i) => (
                  <option key={`${n}-${i}`} value={i}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            Gain{' '}
            <select value={gain} onChange={(e) => setGain(Number(e.target.value))}>
              {GAINS.map((g) => (
                <option key={g} value={g}>
                  {g} mm/mV
                </option>
              ))}
            </select>
          </label>
          <span className="ecg-zoom" role="group" aria-label="Zoom">
            <button type="button" onClick={() => zoomBy(-1)} aria-label="Zoom out" disabled={zoom === ZOOMS[0]}>
              −
            </button>
            <span className="ecg-zoom-value">{Math.round(zoom * 100)}%</span>
            <button type="button" onClick={() => zoomBy(1)} aria-label="Zoom in" disabled={zoom === ZOOMS[ZOOMS.length - 1]}>
              +
            </button>
          </span>
          <label className="check">
            <input type="checkbox" checked={showMarks} onChange={(e) => setShowMarks(e.target.checked)} /> Markers
          </label>
          <span className="ecg-scale muted">25 mm/s · {gain} mm/mV · {fs} Hz</span>
        </div>
      )}
      <div
        ref={wrapRef}
        className="ecg-canvas-wrap"
        tabIndex={0}
        role="img"
        aria-label={`${label}: ${leadNames.length} lead${leadNames.length === 1 ? '' : 's'}, ${durationS.toFixed(1)} s at ${fs} Hz. Arrow keys scroll, + and − zoom.`}
        onKeyDown={onKeyDown}
        onPointerDown={(e) => {
          if (!scrollable) return;
          dragRef.current = { x: e.clientX, start };
          (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
        }}
        onPointerMove={(e) => {
          const d = dragRef.current;
          if (!d) return;
          const ds = -(e.clientX - d.x) / pxPerMm / PAPER_SPEED_MM_S;
          setStartS(clampStart(d.start + ds, durationS, sheet.windowS));
        }}
        onPointerUp={() => (dragRef.current = null)}
        onPointerCancel={() => (dragRef.current = null)}
        style={{ cursor: scrollable ? 'grab' : 'default' }}
      >
        <canvas
          ref={canvasRef}
          className="ecg-canvas"
          data-testid={props.testId ? `${props.testId}-canvas` : undefined}
          data-waves={waveCounts}
          data-points={marks.points.length}
        />
      </div>
      {scrollable && (
        <div className="ecg-scroll">
          <label htmlFor={`${id}-t`}>Time</label>
          <input
            id={`${id}-t`}
            type="range"
            min={0}
            max={Math.max(0, durationS - sheet.windowS)}
            step={0.1}
            value={start}
            onChange={(e) => setStartS(Number(e.target.value))}
          />
          <output>
            {fmtTime(start)}–{fmtTime(start + sheet.windowS)} of {fmtTime(durationS)}
          </output>
        </div>
      )}
    </figure>
  );
}

function fmtTime(s: number): string {
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m}:${(s - m * 60).toFixed(1).padStart(4, '0')}`;
}
