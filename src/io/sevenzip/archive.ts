// Opening a 7z archive: the signature header, then the header it points to, which by default is
// itself compressed (kEncodedHeader: a small folder, usually LZMA, whose output is the real
// header). Header bytes are capped before they are read or decoded; CRC mismatches become issues.
import { crc32 } from '../crc32.js';
import { LimitExceededError, ParseError } from '../../core/errors.js';
import type { ByteSource } from '../../core/types.js';
import { SliceSource } from '../sources.js';
import { decodeFolder } from './folder.js';
import { folderSize, P, Reader, readHeader, readStreamsInfo, type Header, type StreamsInfo } from './header.js';
import { readStartHeader, SIGNATURE_HEADER_SIZE } from './signature.js';

/** Far above any real header (10 000 files take well under 1 MiB). */
export const MAX_HEADER_BYTES = 16 * 1024 * 1024;
/** An encoded header wrapping an encoded header: 7-Zip writes one level. */
const MAX_HEADER_LEVELS = 4;

export interface SevenZipArchive {
  header: Header;
  /** Problems that did not stop the reading (CRC mismatches). */
  issues: Array<{ message: string; key: string }>;
}

/** Absolute offset of each packed stream. */
export function packOffsets(s: StreamsInfo): number[] {
  const out: number[] = [];
  let off = SIGNATURE_HEADER_SIZE + s.packPos;
  for (const size of s.packSizes) {
    out.push(off);
    off += size;
  }
  return out;
}

async function decodeHeaderFolders(src: ByteSource, s: StreamsInfo, label: string): Promise<Buffer> {
  const offs = packOffsets(s);
  const parts: Buffer[] = [];
  let total = 0;
  for (const f of s.folders) {
    const size = folderSize(f);
    if (total + size > MAX_HEADER_BYTES) throw new LimitExceededError(`${label}: 7z header decodes to more than ${MAX_HEADER_BYTES} bytes`, 'maxEntryBytes');
    const pi = f.firstPackStream + f.packedStreams.length - 1;
    if (f.packedStreams.length !== 1 || pi >= s.packSizes.length) throw new ParseError(`${label}: corrupt 7z header (encoded header streams)`);
    const packed = new SliceSource(src, offs[pi], s.packSizes[pi]);
    const got: Buffer[] = [];
    try {
      for await (const c of decodeFolder(f, packed, s.packSizes[pi], { consumed: 0 }, `${label} (header)`)) got.push(c);
    } catch (e) {
      if (e instanceof ParseError || e instanceof LimitExceededError) throw e;
      throw new ParseError(`${label}: corrupt 7z header data (${e instanceof Error ? e.message : String(e)})`);
    }
    const out = Buffer.concat(got);
    if (f.crc !== undefined && crc32(out) !== f.crc) throw new ParseError(`${label}: 7z header CRC mismatch after decoding (corrupt archive)`);
    parts.push(out);
    total += out.length;
  }
  return Buffer.concat(parts);
}

export async function openSevenZip(src: ByteSource, label: string): Promise<SevenZipArchive> {
  const start = await readStartHeader(src, label);
  const issues: SevenZipArchive['issues'] = [];
  if (!start.startHeaderCrcOk) issues.push({ message: `${label}: 7z start header CRC mismatch (corrupt or tampered archive)`, key: '7z-start-crc' });
  if (start.nextHeaderSize === 0) {
    // A real empty archive has a valid start header; a broken one that points nowhere hides what it held.
    if (!start.startHeaderCrcOk) throw new ParseError(`${label}: 7z start header is corrupt (CRC mismatch) and locates no header: contents unknown`);
    return { header: { files: [] }, issues };
  }
  if (start.nextHeaderSize > MAX_HEADER_BYTES) throw new LimitExceededError(`${label}: 7z header of ${start.nextHeaderSize} bytes is over the ${MAX_HEADER_BYTES}-byte limit`, 'maxEntryBytes');
  if (start.nextHeaderOffset + start.nextHeaderSize > src.size) throw new ParseError(`${label}: 7z header lies past the end of the archive (truncated)`);
  let buf = await src.read(start.nextHeaderOffset, start.nextHeaderSize);
  if (buf.length < start.nextHeaderSize) throw new ParseError(`${label}: 7z header lies past the end of the archive (truncated)`);
  if (crc32(buf) !== start.nextHeaderCrc) issues.push({ message: `${label}: 7z header CRC mismatch (corrupt or tampered archive)`, key: '7z-header-crc' });
  for (let level = 0; ; level++) {
    const r = new Reader(buf, label);
    const id = r.byte();
    if (id === P.Header) return { header: readHeader(r), issues };
    if (id !== P.EncodedHeader) r.fail(`unknown header type 0x${id.toString(16)}`);
    if (level >= MAX_HEADER_LEVELS) r.fail('too many levels of encoded headers');
    buf = await decodeHeaderFolders(src, readStreamsInfo(r), label);
  }
}
