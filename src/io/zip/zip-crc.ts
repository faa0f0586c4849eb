// CRC-32 of a zip member's decompressed bytes, computed as they stream by (incremental, so a
// member is never held whole). A decompressing source computes it itself on its first pass, so a
// member read to its end for another reason is never decompressed again just for its CRC.
import type { ByteSource } from '../../core/types.js';
import type { ZipMember } from './zip-reader.js';
import { LimitExceededError } from '../../core/errors.js';
import { crc32Update } from '../crc32.js';
import { DecompressingSource, InflatedSource } from '../sources.js';

export { crc32Update };

/** CRC-32 of everything `src` yields, refusing more than `max` bytes. */
export async function crc32Of(src: ByteSource, max: number, label: string): Promise<{ crc: number; size: number }> {
  // Decompressing sources: drain (if not yet at the end) and take the CRC they computed while decoding.
  if ((src instanceof DecompressingSource && src.trackCrc()) || src instanceof InflatedSource) {
    if (src.crc32 === undefined) {
      let size = 0;
      for await (const c of src.stream(0)) {
        size += c.length;
        if (size > max) throw new LimitExceededError(`${label}: more than ${max} bytes, CRC not checked`, 'maxEntryBytes');
      }
    }
    const crc = src.crc32;
    if (crc !== undefined) {
      if (src.size > max) throw new LimitExceededError(`${label}: more than ${max} bytes, CRC not checked`, 'maxEntryBytes');
      return { crc, size: src.size };
    }
  }
  let crc = 0;
  let size = 0;
  for await (const c of src.stream(0)) {
    size += c.length;
    if (size > max) throw new LimitExceededError(`${label}: more than ${max} bytes, CRC not checked`, 'maxEntryBytes');
    crc = crc32Update(crc, c);
  }
  return { crc, size };
}

/**
 * Decompressed member sources handed from a parser that already read them (the PyTorch CRC check)
 * to the archive expansion, which would otherwise decompress the same member again for the pickle
 * rules. Keyed by the archive's source object, then by the member's local header offset, method,
 * sizes and name.
 */
const handed = new WeakMap<ByteSource, Map<string, ByteSource>>();

/**
 * Everything the member's bytes are read by: two central entries for one local header that differ
 * in method or sizes (duplicate names) read differently, and each must get its own source.
 */
const memberKey = (m: ZipMember): string => `${m.localHeaderOffset}:${m.method}:${m.flags}:${m.compressedSize}:${m.uncompressedSize}:${m.name}`;

export function handOverMember(archive: ByteSource, m: ZipMember, src: ByteSource): void {
  let map = handed.get(archive);
  if (!map) handed.set(archive, (map = new Map()));
  const prev = map.get(memberKey(m));
  if (prev && prev !== src) void prev.close?.();
  map.set(memberKey(m), src);
}

/** The source handed over for this member, if any (each hand-over is taken once). */
export function takeMember(archive: ByteSource, m: ZipMember): ByteSource | undefined {
  const map = handed.get(archive);
  const src = map?.get(memberKey(m));
  if (src) map!.delete(memberKey(m));
  return src;
}

/**
 * Closes a source and every source it reads from (a member's slice, the archive file, an outer
 * decompressor): for a late read made after the engine closed them, which reopens what it needs.
 */
export async function releaseChain(src: ByteSource): Promise<void> {
  let s: ByteSource | undefined = src;
  for (let depth = 0; s && depth < 64; depth++) {
    await s.close?.();
    const up = s as { input?: ByteSource; parent?: ByteSource };
    s = up.input ?? up.parent;
  }
}
