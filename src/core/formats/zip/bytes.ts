/** Little-endian field readers for zip structures. */

export const u16 = (b: Uint8Array, i: number): number => b[i] | (b[i + 1] << 8);
export const u32 = (b: Uint8Array, i: number): number => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;

/** A 64-bit field as a number; undefined when it is beyond 2^53 (no archive a tab can read is that large). */
export function u64(b: Uint8Array, i: number): number | undefined {
  const hi = u32(b, i + 4);
  return hi > 0x1fffff ? undefined : hi * 2 ** 32 + u32(b, i);
}

const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

/** IBM code page 437, the zip default for names without the UTF-8 flag. */
export function decodeCp437(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += b[i] < 0x80 ? String.fromCharCode(b[i]) : CP437_HIGH[b[i] - 0x80];
  return s;
}

export const CP437_HIGH_LENGTH = CP437_HIGH.length;

const utf8 = new TextDecoder('utf-8');
export const decodeUtf8 = (b: Uint8Array): string => utf8.decode(b);
