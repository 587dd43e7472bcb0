/**
 * What an import's progress line says: records and bytes read, and an estimate of the time left from the rate so
 * far (bytes when the reader counts them, else records). Pure: the caller passes the clock readings.
 */

export interface ImportProgressState {
  /** Records read / records expected (the expected count grows for zips until their directory is read). */
  done: number;
  total: number;
  bytesDone?: number;
  bytesTotal?: number;
}

/** Share of the work done, 0–1: by bytes when known, else by records. */
export function fractionDone(p: ImportProgressState): number {
  if (p.bytesTotal && p.bytesTotal > 0 && p.bytesDone !== undefined) return Math.min(1, Math.max(0, p.bytesDone / p.bytesTotal));
  return p.total > 0 ? Math.min(1, Math.max(0, p.done / p.total)) : 0;
}

/**
 * Seconds left at the rate so far, or undefined while too little is done to say (under 2 % or the first
 * second: the first files read say little of the rest).
 */
export function etaSeconds(p: ImportProgressState, elapsedMs: number): number | undefined {
  const f = fractionDone(p);
  if (f < 0.02 || elapsedMs < 1000) return undefined;
  if (f >= 1) return 0;
  return ((elapsedMs / 1000) * (1 - f)) / f;
}

/** A count with thin groups of three: 21 799. */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

export function formatBytes(b: number): string {
  if (b < 1024) return `${b} B`;
  if (b < 2 ** 20) return `${(b / 1024).toFixed(0)} KB`;
  if (b < 2 ** 30) return `${(b / 2 ** 20).toFixed(b < 10 * 2 ** 20 ? 1 : 0)} MB`;
  return `${(b / 2 ** 30).toFixed(2)} GB`;
}

export function formatEta(s: number | undefined): string {
  if (s === undefined) return 'estimating time left…';
  if (s < 1) return 'almost done';
  if (s < 60) return `about ${Math.ceil(s / 5) * 5} s left`;
  const m = Math.floor(s / 60);
  const r = Math.round((s - m * 60) / 10) * 10;
  return r >= 60 ? `about ${m + 1} min left` : `about ${m} min${r ? ` ${r} s` : ''} left`;
}

/** "1 234 of 21 799 records · 12 MB of 240 MB · about 2 min 10 s left" */
export function progressText(p: ImportProgressState, elapsedMs: number): string {
  const parts = [`${formatCount(p.done)} of ${formatCount(p.total)} records`];
  if (p.bytesTotal && p.bytesDone !== undefined) parts.push(`${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`);
  parts.push(formatEta(etaSeconds(p, elapsedMs)));
  return parts.join(' · ');
}
