/**
 * Geometry of an ECG sheet in millimetres of standard ECG paper (25 mm/s, gain mm/mV).
 * 'single': one lead; 'stack': every lead on its own row; 'grid': the standard 3×4 layout (2.5 s per column
 * for a 10 s window) plus a lead II rhythm strip.
 */
export type ViewLayout = 'single' | 'stack' | 'grid';

export const PAPER_SPEED_MM_S = 25;
export const MARGIN_MM = 12; // lead name + 1 mV calibration pulse

export interface Segment {
  lead: number;
  t0: number; // seconds
  t1: number;
  xMm: number; // left edge of the segment on the sheet
}

export interface Row {
  topMm: number;
  heightMm: number;
  baselineMm: number; // absolute y of 0 mV
  segments: Segment[];
  /** Lead shown at the row's left (for the calibration pulse/label). */
  label: string;
}

export interface Sheet {
  rows: Row[];
  widthMm: number;
  heightMm: number;
  windowS: number;
}

const GRID_ORDER = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];

export function findLead(leadNames: readonly string[], name: string, fallback: number): number {
  const i = leadNames.findIndex((n) => n.toLowerCase() === name.toLowerCase());
  return i >= 0 ? i : Math.min(fallback, leadNames.length - 1);
}

export function canGrid(leadNames: readonly string[]): boolean {
  return leadNames.length >= 12;
}

export interface SheetOptions {
  layout: ViewLayout;
  leadNames: readonly string[];
  lead: number; // for 'single'
  widthMm: number;
  startS: number;
  durationS: number;
  gainMmPerMv: number;
}

export function computeSheet(o: SheetOptions): Sheet {
  const avail = Math.max(10, o.widthMm - MARGIN_MM);
  const windowS = avail / PAPER_SPEED_MM_S;
  const start = Math.max(0, Math.min(o.startS, Math.max(0, o.durationS - windowS)));
  const end = start + windowS;
  const rows: Row[] = [];
  const g = o.gainMmPerMv / 10; // rows scale with gain so tall waves stay inside
  const row = (lead: number, heightMm: number, segments: Segment[], label: string): Row => {
    const topMm = rows.reduce((s, r) => s + r.heightMm, 0);
    // Rows are whole 5 mm blocks and the baseline sits on a major line, 60% down (ECGs are mostly positive).
    const h = Math.round((heightMm * g) / 5) * 5 || 5;
    const baselineMm = topMm + Math.round((h * 0.6) / 5) * 5;
    return { topMm, heightMm: h, baselineMm, segments, label: label || String(lead) };
  };
  if (o.layout === 'grid' && canGrid(o.leadNames)) {
    const colW = avail / 4;
    const colS = windowS / 4;
    for (let r = 0; r < 3; r++) {
      const segments: Segment[] = [];
      for (let c = 0; c < 4; c++) {
        const lead = findLead(o.leadNames, GRID_ORDER[c * 3 + r], c * 3 + r);
        segments.push({ lead, t0: start + c * colS, t1: start + (c + 1) * colS, xMm: MARGIN_MM + c * colW });
      }
      rows.push(row(segments[0].lead, 25, segments, ''));
    }
    const ii = findLead(o.leadNames, 'II', 1);
    rows.push(row(ii, 25, [{ lead: ii, t0: start, t1: end, xMm: MARGIN_MM }], o.leadNames[ii]));
  } else if (o.layout === 'stack' && o.leadNames.length > 1) {
    const h = o.leadNames.length > 6 ? 20 : 30;
    o.leadNames.forEach((name, lead) => rows.push(row(lead, h, [{ lead, t0: start, t1: end, xMm: MARGIN_MM }], name)));
  } else {
    const lead = Math.max(0, Math.min(o.lead, o.leadNames.length - 1));
    rows.push(row(lead, 40, [{ lead, t0: start, t1: end, xMm: MARGIN_MM }], o.leadNames[lead] ?? ''));
  }
  const heightMm = rows.reduce((s, r) => s + r.heightMm, 0);
  return { rows, widthMm: o.widthMm, heightMm, windowS };
}

/** The clamped start time the sheet actually shows. */
export function clampStart(startS: number, durationS: number, windowS: number): number {
  return Math.max(0, Math.min(startS, Math.max(0, durationS - windowS)));
}
