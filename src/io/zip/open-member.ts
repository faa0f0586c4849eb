// One zip member as a ByteSource: stored members are a slice of the archive, deflated ones are
// inflated (small ones in one call, large ones streamed through a head and a window). Every member
// spends the top-level file's archive budget and is refused above the compression-ratio guard.
import { LimitExceededError, ParseError } from '../../core/errors.js';
import type { ArchiveBudget } from '../../core/limits.js';
import type { ByteSource, Limits } from '../../core/types.js';
import { DecompressingSource, InflatedSource, SliceSource } from '../sources.js';
import { readLocalHeader, type ZipMember } from './zip-reader.js';

/** Deflated members this small are inflated in one call (see InflatedSource). */
const SMALL_MEMBER = 1024 * 1024;
/**
 * What a streamed member (a deflated zip member, a 7z member, the file inside a .gz/.bz2/.xz/.zst
 * wrapper) may decompress to: no cap of its own. It holds a head and a window whatever its size,
 * and the archive budget (maxArchiveTotalBytes) and the compression-ratio guard bound its
 * decoding; maxEntryBytes caps what a parser reads whole or analyses as a pickle. So a multi-GiB
 * torch.save checkpoint deflated in a zip or gzip-wrapped is read to its zip directory like one on
 * disk.
 */
export const STREAMED_MAX_BYTES = Number.MAX_SAFE_INTEGER;

/** The caps a member is opened under: the run's limits and the top-level file's budget. */
export interface MemberBudget {
  limits: Limits;
  budget: ArchiveBudget;
}

export async function openZipMember(src: ByteSource, m: ZipMember, ctx: MemberBudget, label: string): Promise<ByteSource> {
  if (m.encrypted) throw new ParseError(`${label}: encrypted member, contents not scanned`);
  const local = await readLocalHeader(src, m);
  if (m.compressedSize > src.size - local.dataOffset) throw new ParseError(`${label}: member data runs past the end of the archive (truncated)`);
  const raw = new SliceSource(src, local.dataOffset, m.compressedSize);
  if (m.method === 0) {
    if (!ctx.budget.spend(m.compressedSize > ctx.limits.maxEntryBytes ? 0 : m.compressedSize)) {
      throw new LimitExceededError(`${label}: archive holds more than ${ctx.limits.maxArchiveTotalBytes} bytes in total`, 'maxArchiveTotalBytes');
    }
    return raw;
  }
  if (m.method === 8) {
    if (m.uncompressedSize > ctx.limits.maxEntryBytes && m.uncompressedSize / Math.max(1, m.compressedSize) > ctx.limits.maxCompressionRatio) {
      throw new LimitExceededError(
        `${label}: declares ${m.uncompressedSize} bytes from ${m.compressedSize} compressed (ratio above ${ctx.limits.maxCompressionRatio}:1, decompression bomb?)`,
        'maxCompressionRatio',
      );
    }
    const opts = {
      maxBytes: ctx.limits.maxEntryBytes,
      maxRatio: ctx.limits.maxCompressionRatio,
      budget: ctx.budget,
      declaredSize: m.uncompressedSize,
      label,
    };
    if (m.compressedSize <= SMALL_MEMBER && m.uncompressedSize <= 4 * 1024 * 1024) return new InflatedSource(raw, m.compressedSize, opts);
    return new DecompressingSource(raw, 'deflate-raw', {
      maxBytes: STREAMED_MAX_BYTES,
      maxRatio: ctx.limits.maxCompressionRatio,
      budget: ctx.budget,
      declaredSize: m.uncompressedSize,
      label,
    });
  }
  throw new ParseError(`${label}: compression method ${m.method} is not supported, contents not scanned`);
}
