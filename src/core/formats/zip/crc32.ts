/** CRC-32 (IEEE 802.3, the zip checksum), table-driven, four bytes per step; fflate keeps its own private. */

const TABLES = (() => {
  const t = new Int32Array(256 * 4);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n];
    for (let k = 1; k < 4; k++) {
      c = t[c & 0xff] ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
})();

/** Running CRC-32: `update` with each chunk in order, `value` gives the unsigned checksum. */
export class Crc32 {
  private c = -1;
  update(d: Uint8Array): void {
    const t = TABLES;
    let c = this.c;
    let i = 0;
    const n4 = d.length - (d.length & 3);
    for (; i < n4; i += 4) {
      c ^= d[i] | (d[i + 1] << 8) | (d[i + 2] << 16) | (d[i + 3] << 24);
      c = t[768 + (c & 0xff)] ^ t[512 + ((c >>> 8) & 0xff)] ^ t[256 + ((c >>> 16) & 0xff)] ^ t[c >>> 24];
    }
    for (; i < d.length; i++) c = t[(c ^ d[i]) & 0xff] ^ (c >>> 8);
    this.c = c;
  }
  get value(): number {
    return ~this.c >>> 0;
  }
}

export function crc32(d: Uint8Array): number {
  const c = new Crc32();
  c.update(d);
  return c.value;
}
