// CRC-32 of a zip member's decompressed bytes, computed as they stream by (incremental, so a
// member is never held whole).
import type { ByteSource } from '../../core/types.js';
import { LimitExceededError } from '../../core/errors.js';
import { crc32Update } from '../../core/crc32.js';

export { crc32Update };

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
