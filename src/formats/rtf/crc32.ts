// [MS-OXRTFCP] 2.1.2.2 / 2.1.3.2: the compressed-RTF CRC is the reflected CRC-32 (polynomial
// 0xEDB88320, the table of 2.1.2.2.1) started at 0 and without the final XOR, so it differs
// from zlib's crc32. The same CRC serves [MS-PST] 5.3 and the .msg named-property stream.

const table = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/**
 * The [MS-OXRTFCP] CRC of `bytes[start..end)`, continuing from `crc` (0 to start).
 * `crc32Rtf(ascii('123456789')) === 0x2DFD2D88`.
 * @see [MS-OXRTFCP] 2.1.3.2
 */
export function crc32Rtf(bytes: Uint8Array, crc = 0, start = 0, end: number = bytes.length): number {
  let c = crc >>> 0;
  for (let i = start; i < end; i++) c = (table[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8)) >>> 0;
  return c;
}
