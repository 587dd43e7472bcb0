/**
 * MATLAB v4 (.mat) matrices as used by PhysioNet Challenge records: a 20-byte header
 * (type MOPT, rows, cols, imagf, name length), the name, then column-major data.
 */
import { FormatError, MAX_TOTAL_SAMPLES } from '../errors';

export interface Mat4Header {
  name: string;
  rows: number;
  cols: number;
  /** 0 double, 1 float32, 2 int32, 3 int16, 4 uint16, 5 uint8. */
  precision: number;
  littleEndian: boolean;
  /** Byte offset of the first data element. */
  dataOffset: number;
}

const PREC_BYTES = [8, 4, 4, 2, 2, 1];

export function readMat4Header(data: Uint8Array, file = 'file.mat'): Mat4Header {
  if (data.length < 20) throw new FormatError(file, 'truncated', `MAT v4 header needs 20 bytes, file has ${data.length}`);
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let le = true;
  let type = dv.getInt32(0, true);
  if (type < 0 || type > 4999) {
    type = dv.getInt32(0, false);
    le = false;
  }
  if (type < 0 || type > 4999) throw new FormatError(file, 'bad-mat', 'not a MATLAB v4 file (bad type field)');
  const m = Math.floor(type / 1000), o = Math.floor(type / 100) % 10, p = Math.floor(type / 10) % 10, t = type % 10;
  if (m > 1 || o !== 0) throw new FormatError(file, 'bad-mat', `unsupported MAT v4 machine/order code ${type}`);
  if (!le && m !== 1) throw new FormatError(file, 'bad-mat', 'not a MATLAB v4 file');
  if (t !== 0) throw new FormatError(file, 'unsupported', 'only full numeric MAT v4 matrices are supported');
  if (p > 5) throw new FormatError(file, 'bad-mat', `bad precision code ${p}`);
  const rows = dv.getInt32(4, le), cols = dv.getInt32(8, le), imagf = dv.getInt32(12, le), namlen = dv.getInt32(16, le);
  if (rows < 0 || cols < 0 || namlen < 1 || namlen > 4096) throw new FormatError(file, 'bad-mat', 'bad matrix dimensions or name length');
  if (imagf !== 0) throw new FormatError(file, 'unsupported', 'complex MAT v4 matrices are not supported');
  if (20 + namlen > data.length) throw new FormatError(file, 'truncated', 'MAT v4 name runs past the end of the file');
  let name = '';
  for (let i = 0; i < namlen - 1; i++) name += String.fromCharCode(data[20 + i]);
  const dataOffset = 20 + namlen;
  const need = rows * cols * PREC_BYTES[p];
  if (dataOffset + need > data.length) {
    throw new FormatError(file, 'truncated', `MAT v4 matrix ${rows}×${cols} needs ${need} data bytes, file has ${data.length - dataOffset} (short by ${dataOffset + need - data.length})`);
  }
  return { name, rows, cols, precision: p, littleEndian: le, dataOffset };
}

/** Reads the first matrix of a MAT v4 file as rows of Float64 values (row r = signal r). */
export function readMat4(data: Uint8Array, file = 'file.mat'): Mat4Header & { data: Float64Array[] } {
  const h = readMat4Header(data, file);
  if (h.rows * h.cols > MAX_TOTAL_SAMPLES) throw new FormatError(file, 'too-large', `matrix ${h.rows}×${h.cols} too large`);
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out = Array.from({ length: h.rows }, () => new Float64Array(h.cols));
  const sz = PREC_BYTES[h.precision];
  const le = h.littleEndian;
  let off = h.dataOffset;
  for (let c = 0; c < h.cols; c++) {
    for (let r = 0; r < h.rows; r++, off += sz) {
      let v: number;
      switch (h.precision) {
        case 0: v = dv.getFloat64(off, le); break;
        case 1: v = dv.getFloat32(off, le); break;
        case 2: v = dv.getInt32(off, le); break;
        case 3: v = dv.getInt16(off, le); break;
        case 4: v = dv.getUint16(off, le); break;
        default: v = dv.getUint8(off);
      }
      out[r][c] = v;
    }
  }
  return { ...h, data: out };
}
