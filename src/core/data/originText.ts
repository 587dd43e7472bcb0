/** Card text for a dataset: the recordings as they were → the model-ready copy. */
import type { DatasetOrigin } from './importDataset';
import { displayLeadList } from './leadDisplay';
import { dxClasses } from '../formats/labels/snomed';

/** 1800 → "30 min", 10 → "10 s", 5400 → "1.5 h". */
export function formatDuration(s: number): string {
  const r = (v: number) => (Math.round(v * 10) / 10).toString();
  if (s < 120) return `${r(s)} s`;
  if (s < 5400) return `${r(s / 60)} min`;
  return `${r(s / 3600)} h`;
}

/**
 * "100: 2 leads (MLII, V5), 360 Hz, 30 min → 12-lead slots, 2 filled, 100 Hz, first 10 s" for the first record,
 * then, for several, the spread of rates, durations and filled slots, and the windows cut.
 */
export function originText(o: DatasetOrigin, ds: { nLeads: number; fs: number; nSamples: number }): string[] {
  if (!o.first) return [];
  const f = o.first;
  const win = formatDuration(ds.nSamples / ds.fs);
  const cut = o.windows === 'consecutive' ? `consecutive ${win} windows` : o.windows === 'annotated' ? `${win} windows with annotated beats` : `first ${win}`;
  const lines = [
    `${f.name}: ${f.leads.length} lead${f.leads.length === 1 ? '' : 's'} (${displayLeadList(f.leads)}), ${f.fs} Hz, ${formatDuration(f.durationS)} → ${ds.nLeads}-lead slots, ${f.filled} filled, ${ds.fs} Hz, ${cut}`,
  ];
  if (o.records > 1) {
    const dur = o.minDurationS === o.maxDurationS ? formatDuration(o.minDurationS) : `${formatDuration(o.minDurationS)}–${formatDuration(o.maxDurationS)}`;
    const filled = o.minFilled === o.maxFilled ? `${o.minFilled}` : `${o.minFilled}–${o.maxFilled}`;
    lines.push(`${o.records} records: ${o.rates.map((r) => `${r} Hz`).join(', ')}, ${dur}, ${filled} slots filled`);
  }
  if (o.dx) {
    const top = Object.entries(o.dx).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const named = top.slice(0, 8).map(([c, n]) => {
      const k = dxClasses([c])[0];
      return `${k.abbr} ${n}${k.superclass ? ` (${k.superclass})` : ''}`;
    });
    lines.push(`Dx: ${named.join(', ')}${top.length > 8 ? `, … ${top.length - 8} more` : ''}`);
  }
  lines.push(`${o.windowsCut} window${o.windowsCut === 1 ? '' : 's'} cut from ${o.records} record${o.records === 1 ? '' : 's'}`);
  return lines;
}
