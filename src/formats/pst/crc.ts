// [MS-PST] 5.3 CRC: reflected CRC-32 (polynomial 0xEDB88320) with seed 0 and no final XOR.
const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();

/** The [MS-PST] §5.3 CRC of `data` (seed 0 unless given). CRC("123456789") = 0x2DFD2D88. */
export function pstCrc(data: Uint8Array, seed = 0): number {
  let crc = seed >>> 0;
  for (let i = 0; i < data.length; i++) crc = (TABLE[(crc ^ (data[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return crc >>> 0;
}

/** [MS-PST] 5.5 ComputeSig: the 16-bit signature of a block or page from its offset and BID. */
export function computeSig(ib: number, bid: number): number {
  // Only the low 32 bits of each take part.
  const x = ((ib >>> 0) ^ (bid >>> 0)) >>> 0;
  return ((x >>> 16) ^ x) & 0xffff;
}
