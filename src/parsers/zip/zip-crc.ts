// CRC-32 of a zip member's decompressed bytes, computed as they stream by (the same IEEE
// polynomial as src/core/crc32.ts, incremental here so a member is never held whole).
import type { ByteSource } from '../../core/types.js';
import { LimitExceededError } from '../../core/errors.js';

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32Update(crc: number, data: Uint8Array): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** CRC-32 of everything `src` yields, refusing more than `max` bytes. */
export async function crc32Of(src: ByteSource, max: number, label: string): Promise<{ crc: number; size: number }> {
  let crc = 0;
  let size = 0;
  for await (const c of src.stream(0)) {
    size += c.length;
    if (size > max) throw new LimitExceededError(`${label}: more than ${max} bytes, CRC not checked`, 'maxEntryBytes');
    crc = crc32Update(crc, c);
  }
  return { crc, size };
}
