/**
 * Which files of a drop or folder pick the import needs, decided from their paths before any is handed to the data
 * worker: a PTB-XL tree's signal files of the rate not chosen (the `records500/` half of the download when 100 Hz
 * is chosen) and files no reader takes (documentation, checksums, dot files) stay with the page, each accounted
 * for as skipped with its reason, so the import report still names every file. Handing the worker only the rest
 * saves posting (and holding) tens of thousands of File handles.
 */
import { sideFileReason, type FileAccount } from '../formats/index';
import { baseName } from '../formats/errors';

export type PtbxlRate = 100 | 500 | 'both';

const norm = (p: string) => p.replace(/\\/g, '/');

/** PTB-XL signal files of the rate not chosen: under `records500/` (100 Hz chosen) or `records100/` beside ptbxl_database.csv. */
export function otherRateNote(files: readonly { name: string }[], rate: PtbxlRate): ((path: string) => string | undefined) | undefined {
  if (rate === 'both' || !files.some((f) => baseName(norm(f.name)).toLowerCase() === 'ptbxl_database.csv')) return undefined;
  const other = rate === 100 ? 500 : 100;
  const note = `PTB-XL ${other} Hz file, ${rate} Hz chosen`;
  return (path) => (('/' + norm(path)).includes(`/records${other}/`) ? note : undefined);
}

/**
 * Splits the files into those to hand to the worker and those left out by name, with their accounts. With
 * `sideFiles: false` only the other PTB-XL rate is left out (the worker's readers account for side files).
 */
export function filesToHandOver<F extends { name: string }>(files: readonly F[], rate: PtbxlRate, opts: { sideFiles?: boolean } = {}): { send: F[]; skipped: FileAccount[] } {
  const otherRate = otherRateNote(files, rate);
  const sideFiles = opts.sideFiles ?? true;
  const send: F[] = [];
  const skipped: FileAccount[] = [];
  for (const f of files) {
    const p = norm(f.name);
    // A zip is read whatever its name: its entries are accounted for by the archive reader.
    const note = otherRate?.(p) ?? (sideFiles && !p.toLowerCase().endsWith('.zip') ? sideFileReason(p) : undefined);
    if (note) skipped.push({ file: p, fate: 'skipped', note });
    else send.push(f);
  }
  return { send, skipped };
}
