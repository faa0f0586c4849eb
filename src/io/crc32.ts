// CRC-32 (IEEE 802.3, the zip and gzip checksum; also the checksum inside GitHub and npm tokens).
const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 of bytes, or of a string's UTF-16 code units taken as bytes (tokens are ASCII). */
export function crc32(data: Uint8Array | string): number {
  let c = 0xffffffff;
  if (typeof data === 'string') for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data.charCodeAt(i)) & 0xff] ^ (c >>> 8);
  else for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Continues a CRC-32 over the next chunk (start with 0), so streamed bytes are never held whole. */
export function crc32Update(crc: number, data: Uint8Array): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
