// Opens archives as nested entries (`outer.zip!inner/path`), never extracting to disk. Zip members
// are read through the central directory, tar members by offset, gzip is a one-member archive
// (and a gzip holding a tar is opened as that tar). Every member counts against the caps of the
// top-level file: depth, member count, decompressed bytes and compression ratio.
import { basename } from 'node:path';
import { readZip, isUnsafeArchivePath, bombSignals, type ZipMember } from '../../io/zip/zip-reader.js';
import { openZipMember, STREAMED_MAX_BYTES } from '../../io/zip/open-member.js';
import type { ArchiveEvent, ExpandContext, GapEvent, IssueEvent } from './events.js';
import { isModelFileName } from '../../knowledge/model-files.js';
import { readTar } from '../../io/tar/tar-reader.js';
import { takeMember } from '../../io/zip/zip-crc.js';
import { DecompressingSource, type Codec } from '../../io/sources.js';

import { sniff, SNIFF_BYTES } from '../../core/sniff.js';
import { ArchiveBudget } from '../../core/limits.js';
import { errorMessage, LimitExceededError, ParseError } from '../../core/errors.js';
import type { ByteSource, Entry, Limits } from '../../core/types.js';
import { expandImage, tarImageFiles, type ImageFiles } from '../image/expand-image.js';
import { openSevenZip } from '../../io/sevenzip/archive.js';
import { sevenZipMembers } from '../../io/sevenzip/members.js';
import { UnsupportedCoderError } from '../../io/sevenzip/folder.js';
import { TarMembers } from '../../io/tar/tar-members.js';

/** Single-stream compressors, opened as a one-member archive (a tar inside is opened as that tar). */
const WRAPPERS: Record<string, { codec: Codec; names: RegExp }> = {
  gzip: { codec: 'gzip', names: /\.(gz|tgz|gzip)$/i },
  bzip2: { codec: 'bzip2', names: /\.(bz2|tbz2|tbz|bzip2)$/i },
  xz: { codec: 'xz', names: /\.(xz|txz)$/i },
  zstd: { codec: 'zstd', names: /\.(zst|zstd|tzst)$/i },
};
const EXPANDABLE = new Set(['zip', 'tar', 'oci-dir', '7z', ...Object.keys(WRAPPERS)]);
/** Compressed containers mlwarden has no decoder for: reported, never called clean (none today). */
const UNSUPPORTED = new Set<string>();

export function isArchive(entry: Entry): boolean {
  return EXPANDABLE.has(entry.type.kind);
}

export function isUnsupportedArchive(entry: Entry): boolean {
  return UNSUPPORTED.has(entry.type.kind);
}

function childPath(parent: Entry, name: string): string {
  return parent.innerPath ? `${parent.innerPath}!${name}` : name;
}

async function makeEntry(parent: Entry, name: string, source: ByteSource, size: number, provenance?: Record<string, string>): Promise<Entry> {
  const head = await source.read(0, SNIFF_BYTES);
  return {
    kind: 'member',
    path: parent.path,
    innerPath: childPath(parent, name),
    name: basename(name),
    size,
    source,
    depth: parent.depth + 1,
    type: sniff(head),
    provenance: { ...parent.provenance, ...provenance },
  };
}

export async function* expandArchive(entry: Entry, ctx: ExpandContext): AsyncGenerator<ArchiveEvent> {
  if (entry.depth >= ctx.limits.maxArchiveDepth) {
    yield {
      kind: 'issue',
      ruleId: 'scan/limit-exceeded',
      message: `archive nested ${entry.depth} levels deep: its members were not opened (maxArchiveDepth ${ctx.limits.maxArchiveDepth})`,
      innerPath: entry.innerPath,
      key: 'depth',
    };
    return;
  }
  if (entry.type.kind === 'zip') yield* expandZip(entry, ctx);
  else if (entry.type.kind === 'tar') {
    // A container image (docker save / OCI tarball) is read as layers with whiteouts, not as a plain tar.
    const image = entry.source instanceof DecompressingSource ? undefined : await tarImageFiles(entry.source, ctx.limits.maxArchiveMembers);
    if (image) yield* expandImage(entry, image, ctx);
    else yield* expandTar(entry, entry.source, ctx, entry);
  } else if (entry.type.kind === 'oci-dir') yield* expandImage(entry, (entry.facts as { files: ImageFiles }).files, ctx);
  else if (entry.type.kind === '7z') yield* expandSevenZip(entry, ctx);
  else if (WRAPPERS[entry.type.kind]) yield* expandCompressed(entry, ctx, entry.type.kind);
}

function memberLimit(count: number, declared: number, ctx: ExpandContext, innerPath?: string): ArchiveEvent {
  return {
    kind: 'issue',
    ruleId: 'scan/limit-exceeded',
    message: `archive has ${declared > count ? declared : 'more than ' + count} members: only the first ${ctx.limits.maxArchiveMembers} were scanned (maxArchiveMembers)`,
    innerPath,
    key: 'members',
  };
}

function traversal(name: string, parent: Entry, what = 'member name'): ArchiveEvent {
  return {
    kind: 'issue',
    ruleId: 'scan/archive-path-traversal',
    message: `${what} '${name}' escapes the extraction folder`,
    innerPath: parent.innerPath,
    key: name,
    evidence: name,
  };
}

async function* expandZip(entry: Entry, ctx: ExpandContext): AsyncGenerator<ArchiveEvent> {
  let zip;
  try {
    zip = await readZip(entry.source, ctx.limits.maxArchiveMembers);
  } catch (e) {
    // The engine reports the error itself (scan/limit-exceeded or scan/unreadable, medium).
    if (e instanceof LimitExceededError) yield zipDirectoryLimit(entry, e);
    throw e;
  }
  if (zip.declaredCount > ctx.limits.maxArchiveMembers) yield memberLimit(zip.members.length, zip.declaredCount, ctx, entry.innerPath);
  const bomb = bombSignals(zip);
  if (bomb.sharedOffsets > 0) {
    yield {
      kind: 'issue',
      ruleId: 'scan/limit-exceeded',
      message: `${bomb.sharedOffsets} members reuse another member's data (overlapping entries: a zip-bomb construction); each is counted against the archive's decompression budget`,
      innerPath: entry.innerPath,
      key: 'overlap',
    };
  }
  if (bomb.declaredTotal > ctx.limits.maxArchiveTotalBytes && bomb.declaredTotal / Math.max(1, entry.size) > ctx.limits.maxCompressionRatio) {
    yield {
      kind: 'issue',
      ruleId: 'scan/limit-exceeded',
      message: `archive declares ${bomb.declaredTotal} decompressed bytes from ${entry.size} on disk (decompression bomb?): members are read only up to ${ctx.limits.maxArchiveTotalBytes} bytes in total`,
      innerPath: entry.innerPath,
      key: 'declared-total',
    };
  }
  for (const m of zip.members) {
    if (isUnsafeArchivePath(m.name)) yield traversal(m.name, entry);
    if (m.isDirectory) continue;
    const inner = childPath(entry, m.name);
    try {
      const source = handedOver(entry.source, m, ctx, `${entry.path}!${inner}`) ?? (await openZipMember(entry.source, m, ctx, `${entry.path}!${inner}`));
      yield { kind: 'member', entry: await makeEntry(entry, m.name, source, m.uncompressedSize) };
    } catch (e) {
      yield memberError(e, inner, m.name);
    }
  }
}

/**
 * A member source the PyTorch CRC check handed on (already decoded and held whole, or left unread
 * so that the pickle pass computes its CRC): counted against this archive's budget, decoded once.
 */
function handedOver(archive: ByteSource, m: ZipMember, ctx: ExpandContext, label: string): ByteSource | undefined {
  const src = takeMember(archive, m);
  if (src && !(src instanceof DecompressingSource ? src.rebudget(ctx.budget) : ctx.budget.spend(src.size))) {
    void src.close?.();
    throw new LimitExceededError(`${label}: archive decompresses to more than ${ctx.limits.maxArchiveTotalBytes} bytes in total`, 'maxArchiveTotalBytes');
  }
  return src;
}

function memberError(e: unknown, innerPath: string, key: string): IssueEvent {
  const ruleId = e instanceof LimitExceededError ? 'scan/limit-exceeded' : 'scan/unreadable';
  return { kind: 'issue', ruleId, message: errorMessage(e), innerPath, key };
}

async function* expandTar(entry: Entry, src: ByteSource, ctx: ExpandContext, parentForPaths: Entry): AsyncGenerator<ArchiveEvent> {
  let count = 0;
  const windowed = src instanceof DecompressingSource && src.opts.windowed ? src : undefined;
  // Members of a forward-only stream are bounded-memory views over it (see tar-members.ts).
  const members = new TarMembers(src);
  const label = entry.innerPath ? `${entry.path}!${entry.innerPath}` : entry.path;
  try {
    for await (const m of readTar(src)) {
      // Everything before this header has been handled: a streamed layer need not keep it.
      windowed?.discardBefore(m.dataOffset - 512);
      if (isUnsafeArchivePath(m.name)) yield traversal(m.name, parentForPaths);
      if ((m.type === 'symlink' || m.type === 'hardlink') && isUnsafeLink(m.name, m.linkName)) yield traversal(`${m.name} -> ${m.linkName}`, parentForPaths, 'link');
      if (m.type !== 'file') continue;
      if (++count > ctx.limits.maxArchiveMembers) {
        yield memberLimit(count - 1, 0, ctx, parentForPaths.innerPath);
        return;
      }
      const source = members.open(m, `${label}!${m.name}`);
      yield { kind: 'member', entry: await makeEntry(parentForPaths, m.name, source, m.size) };
    }
  } finally {
    await members.close();
  }
}

function isUnsafeLink(name: string, target: string): boolean {
  if (isUnsafeArchivePath(target)) {
    if (target.startsWith('/')) return true;
    // A relative target is unsafe when it climbs above the archive root from the link's folder.
    let ne = name.length;
    while (ne > 0 && name[ne - 1] === '/') ne--; // not /\/+$/: quadratic on a long run of slashes
    const depth = name.slice(0, ne).split('/').length - 1;
    let up = 0;
    for (const seg of target.split('/')) {
      if (seg === '..') up++;
      else if (seg !== '.' && seg !== '') up--;
      if (up > depth) return true;
    }
  }
  return false;
}

async function* expandCompressed(entry: Entry, ctx: ExpandContext, kind: string): AsyncGenerator<ArchiveEvent> {
  const { codec, names } = WRAPPERS[kind];
  const label = entry.innerPath ? `${entry.path}!${entry.innerPath}` : entry.path;
  // ISIZE, the gzip trailer's size modulo 4 GiB: a hint for entry.size, never trusted for allocation.
  let declaredSize: number | undefined;
  if (codec === 'gzip' && entry.source.size >= 18 && entry.source.size < Number.MAX_SAFE_INTEGER) {
    const t = await entry.source.read(entry.source.size - 4, 4);
    if (t.length === 4) declaredSize = t.readUInt32LE(0);
  }
  const source = new DecompressingSource(entry.source, codec, {
    declaredSize,
    maxBytes: ctx.limits.maxEntryBytes,
    maxRatio: ctx.limits.maxCompressionRatio,
    budget: ctx.budget,
    label,
    // Windowed: a tar inside is read forward only; a single compressed file is read like any other.
    windowed: true,
  });
  let head: Buffer;
  try {
    head = await source.read(0, SNIFF_BYTES);
  } catch (e) {
    // Not even the first bytes decode: the wrapper itself is broken (or a bomb from the start).
    yield memberError(e, entry.innerPath ?? '', `${codec}-stream`);
    if (e instanceof ParseError) yield corruptStream(entry, codec, e);
    return;
  }
  if (sniff(head).kind !== 'tar') {
    // A single compressed file is read at random, holding a head and a window (see STREAMED_MAX_BYTES).
    source.opts.windowed = false;
    source.opts.maxBytes = STREAMED_MAX_BYTES;
  }
  const inner = sniff(head);
  if (inner.kind === 'tar') {
    // model.tar.gz!path/in/tar — the intermediate .tar level is not a separate name users see.
    yield* expandTar(entry, source, ctx, entry);
    return;
  }
  const name = entry.name.replace(names, (m) => (/^\.t(gz|bz2?|xz|zst)$/i.test(m) ? '.tar' : '')) || 'data';
  yield { kind: 'member', entry: await makeEntry(entry, name === entry.name ? `${name}.decompressed` : name, source, source.size) };
  // A loader streaming a damaged model would still run what came before the damage: decode again
  // up to it and scan those bytes as `NAME.partial` (only on this failure path). The partial member
  // is a salvage-mode source (damage reads as the end): bounded memory, decoded only as it is read.
  // Whatever the file's name: a corrupt stream is a coverage gap (never silent), and the bytes before
  // the damage are scanned (a reader that failed on one large read saw none of them: a truncated
  // `notes.gz` holding a pickle gave no finding and no error, the same pickle alone a critical one).
  // A model named so is salvaged even when a zip sits inside (its directory is at the end, lost).
  if (source.error instanceof ParseError) yield { ...corruptStream(entry, codec, source.error), fallback: memberError(source.error, entry.innerPath ?? '', `${codec}-corrupt`) };
  if (source.error instanceof ParseError && (isModelFileName(entry.name) || inner.kind !== 'zip')) {
    const decoded = source.decodedBeforeError ?? 0;
    if (decoded > 0) {
      const partial = new DecompressingSource(entry.source, codec, { maxBytes: ctx.limits.maxEntryBytes, maxRatio: ctx.limits.maxCompressionRatio, budget: ctx.budget, label, declaredSize: decoded, salvage: true });
      try {
        yield { kind: 'member', entry: await makeEntry(entry, `${name === entry.name ? `${name}.decompressed` : name}.partial`, partial, decoded) };
      } catch (e) {
        await partial.close();
        yield memberError(e, childPath(entry, `${name}.partial`), `${codec}-partial`);
      }
    }
  }
}

/** A corrupt or truncated wrapper stream, for the rules that judge coverage (model/compressed-unscannable). */
function corruptStream(entry: Entry, codec: string, e: unknown): GapEvent {
  return { kind: 'gap', gap: { cause: 'corrupt-stream', codec, name: entry.name, ...(entry.innerPath ? { innerPath: entry.innerPath } : {}), detail: errorMessage(e) } };
}

/** A zip whose central directory could not be read within a limit (in a compressed stream, or over the reader's cap). */
function zipDirectoryLimit(entry: Entry, e: LimitExceededError): GapEvent {
  return { kind: 'gap', gap: { cause: 'zip-directory-limit', limit: e.limit, name: entry.name, ...(entry.innerPath ? { innerPath: entry.innerPath } : {}), detail: errorMessage(e) } };
}

/**
 * What a 7z archive held that could not be decoded (encrypted or unsupported coder, damaged
 * header or data): scan/unreadable always, and a coverage gap for the rules to judge, except for
 * a member cut by a cap (a limit finding, as in other archives; a header never read hides everything).
 */
function* sevenZipGap(entry: Entry, e: unknown, member?: string): Generator<ArchiveEvent> {
  const coder = e instanceof UnsupportedCoderError ? e.coder : undefined;
  const innerPath = member ? childPath(entry, member) : entry.innerPath;
  yield { ...memberError(e, innerPath ?? '', coder ? `7z-coder:${coder}` : '7z'), ...(innerPath ? {} : { innerPath: undefined }) };
  if (e instanceof LimitExceededError && member) return;
  yield {
    kind: 'gap',
    gap: { cause: '7z-undecodable', ...(coder ? { coder } : {}), name: entry.name, ...(member ? { member } : {}), ...(innerPath ? { innerPath } : {}), detail: errorMessage(e) },
  };
}

async function* expandSevenZip(entry: Entry, ctx: ExpandContext): AsyncGenerator<ArchiveEvent> {
  const label = entry.innerPath ? `${entry.path}!${entry.innerPath}` : entry.path;
  let archive;
  try {
    archive = await openSevenZip(entry.source, label);
  } catch (e) {
    yield* sevenZipGap(entry, e);
    return;
  }
  for (const issue of archive.issues) yield { kind: 'issue', ruleId: 'scan/unreadable', message: issue.message, innerPath: entry.innerPath, key: issue.key };
  const files = archive.header.files.filter((f) => !f.isDir && !f.isAnti);
  if (files.length > ctx.limits.maxArchiveMembers) yield memberLimit(ctx.limits.maxArchiveMembers, files.length, ctx, entry.innerPath);
  let count = 0;
  // Members hold a head and a window like other streamed members (see STREAMED_MAX_BYTES).
  const caps = { maxBytes: STREAMED_MAX_BYTES, maxRatio: ctx.limits.maxCompressionRatio, budget: ctx.budget, label };
  for await (const ev of sevenZipMembers(entry.source, archive, caps)) {
    // 7-Zip stores Windows separators as they were given: a '\\' path is a folder path too.
    const name = ev.item.name.replace(/\\/g, '/');
    if (isUnsafeArchivePath(name)) yield traversal(name, entry);
    if (ev.item.isDir || ev.item.isAnti) continue;
    if (++count > ctx.limits.maxArchiveMembers) return;
    if (ev.kind === 'skipped') {
      yield* sevenZipGap(entry, ev.error, name);
      continue;
    }
    // Damage in the member's data (or a cap) found while it was scanned or while the rest of it
    // was decoded afterwards: a coverage gap, high when the member or archive is named like a model.
    let failed: unknown;
    try {
      yield { kind: 'member', entry: await makeEntry(entry, name, ev.source, ev.source.size) };
    } catch (e) {
      failed = e;
    }
    // The consumer is done with it: decode the rest of its bytes, check its CRC, move on.
    try {
      const crcProblem = await ev.finish?.();
      if (crcProblem) yield { kind: 'issue', ruleId: 'scan/unreadable', message: crcProblem, innerPath: childPath(entry, name), key: `crc:${name}` };
    } catch (e) {
      failed ??= e;
    }
    if (failed) yield* sevenZipGap(entry, failed, name);
  }
}
