/** A WFDB record (header + signal files, or header + MATLAB v4 .mat) → Recording. */
import { dxSuperclasses } from '../labels/snomed';
import type { Recording } from '../recording';
import { FormatError, dirName, extOf } from '../errors';
import { readWfdbHeader, type WfdbHeader } from './header';
import { readWfdbSignals, type SignalFileLookup } from './signals';
import { readMat4Header } from './mat4';
import { canonicalLeadName } from '../leadNames';

export function readWfdbRecord(headerPath: string, headerData: Uint8Array, lookup: SignalFileLookup): Recording {
  const header = readWfdbHeader(headerData, headerPath);
  return wfdbToRecording(header, headerPath, lookup);
}

export function wfdbToRecording(header: WfdbHeader, headerPath: string, lookup: SignalFileLookup): Recording {
  // MATLAB v4 signal files: check the matrix header against the WFDB header before reading.
  const checked = new Set<string>();
  const wrapped: SignalFileLookup = (name) => {
    const data = lookup(name);
    if (data && extOf(name) === 'mat' && !checked.has(name)) {
      checked.add(name);
      const path = dirName(headerPath) + name;
      const mh = readMat4Header(data, path);
      const specs = header.signals.filter((s) => s.fileName === name);
      if (specs[0].byteOffset !== mh.dataOffset) {
        throw new FormatError(path, 'bad-mat', `header byte offset ${specs[0].byteOffset} differs from the MAT data offset ${mh.dataOffset}`);
      }
      const frame = specs.reduce((a, s) => a + s.samplesPerFrame, 0);
      if (mh.rows !== frame) throw new FormatError(path, 'bad-mat', `matrix has ${mh.rows} rows, header has ${frame} signals`);
      if (mh.precision !== 3 && specs[0].format === 16) throw new FormatError(path, 'bad-mat', 'matrix is not int16 as format 16 requires');
    }
    return data;
  };
  const res = readWfdbSignals(header, wrapped, headerPath);
  const rec: Recording = {
    name: header.name,
    fs: header.fs,
    nSamples: res.nSamples,
    sigNames: header.signals.map((s, i) => (s.description ? canonicalLeadName(s.description) : `sig${i + 1}`)),
    units: header.signals.map((s) => s.units),
    signals: res.signals,
    nanCount: res.nanCount,
    comments: header.comments,
    file: headerPath,
  };
  if (res.warnings.length) rec.warnings = res.warnings;
  const dx = challengeDx(header.comments);
  if (dx) {
    // The Challenge's SNOMED CT codes carry PTB-XL superclasses where one fits (labels/snomed.ts).
    const superclasses = dxSuperclasses(dx);
    rec.labels = { ...rec.labels, dx, ...(superclasses ? { superclasses } : {}) };
    rec.labelSource = 'cinc';
  }
  return rec;
}

/** PhysioNet Challenge `# Dx: code,code` → SNOMED CT codes. */
export function challengeDx(comments: string[]): string[] | undefined {
  for (const c of comments) {
    const m = /^\s*Dx\s*:\s*(.*)$/i.exec(c);
    if (m) {
      const codes = m[1].split(/[,\s]+/).filter((x) => /^\d+$/.test(x));
      return codes;
    }
  }
  return undefined;
}
