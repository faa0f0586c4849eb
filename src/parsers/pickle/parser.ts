// Finds the pickle in an entry and runs the symbolic machine over it. Detection is by content:
// protocol 2+ pickles have a PROTO header (sniffed as 'pickle'), protocol 0/1 have none, so any
// text or binary entry whose first byte is an opcode is tried (strictly: it must parse to STOP and
// import something, unless its name says it is a model). Also handled here: NumPy .npy (object
// arrays are pickles after the header), zlib-wrapped pickles (joblib's default compressor),
// compressed wrappers Node cannot open (reported, never called clean), and pickle/zip polyglots.
import { readZip } from '../../io/zip/zip-reader.js';
import { openZipMember } from '../../io/zip/open-member.js';
import { DecompressingSource } from '../../io/sources.js';
import { ArchiveBudget } from '../../core/limits.js';
import { errorMessage, LimitExceededError, ParseError } from '../../core/errors.js';
import type { ByteSource, Entry, ParseContext, Parser } from '../../core/types.js';
import { analyseWindowed, type PickleAnalysis } from './analyze.js';
import { OPCODES } from './opcodes.js';
import { startStream, type StreamResult } from './machine.js';

export interface PickleFileModel {
  /** What was found: a pickle (possibly inside npy/zlib), a plain npy array, an unopenable wrapper, or nothing. */
  kind: 'pickle' | 'npy' | 'unscannable' | 'none';
  /** pickle | pytorch-legacy | joblib | dill | cloudpickle | numpy-npy */
  format: string;
  framework?: string;
  /** Compression around the pickle, when mlwarden opened it (zlib). */
  wrapper?: string;
  /** Offset of the pickle inside the (decompressed) bytes. */
  pickleOffset: number;
  analysis?: PickleAnalysis;
  /** Analysis stopped at the size cap: what was left unseen. */
  limitHit?: string;
  /** The limit that stopped the analysis was the compression ratio (decompression bomb guard). */
  limitRatio?: boolean;
  npy?: { descr: string; shape: string; objectArray: boolean; version: string };
  unscannable?: { codec: string; reason: string };
  polyglot?: { members: string[]; pickles: Array<{ name: string; analysis?: PickleAnalysis; error?: string }> };
  /** The entry's name says "model file" (extension), independent of content. */
  modelName: boolean;
  /** Gets its own inventory record (false for members of a container that has one: data.pkl, npz members). */
  inventory: boolean;
  size: number;
}

const MODEL_EXT = /\.(pkl|pickle|pt|pth|bin|ckpt|joblib|jbl|dill|npy|sav|pck|pcl|p|model|mar|data)$/i;
const COMPRESSED_MODEL = /\.(pkl|pickle|pt|pth|bin|ckpt|joblib|jbl|dill|npy|npz|sav|model|safetensors|h5|hdf5|keras|onnx|gguf|tar|zip)\.(gz|bz2|xz|lzma|z|zlib|7z|zst|zstd|rar)$/i;
/** RAR 4 and 5 signatures ("Rar!\x1a\x07\x00" / "Rar!\x1a\x07\x01\x00"): no decoder, so a wrapped model is a coverage gap. */
function isRarHead(h: Buffer): boolean {
  return h.length >= 7 && h.toString('latin1', 0, 6) === 'Rar!\x1a\x07';
}
const JOBLIB_COMPRESSED = /\.(joblib|jbl|pkl)$/i;
/**
 * Wrappers with no decoder: reported by model/compressed-unscannable, never called clean (none
 * today). gzip, bzip2, xz and zstd are opened as one-member archives and 7z as an archive
 * (src/targets/archive/expand.ts; a 7z member that cannot be decoded is reported there); zlib,
 * .lzma ("alone", joblib's compress='lzma') and LZ4 frames (compress='lz4'), which the file-type
 * sniffer does not know, are opened here when they hold a pickle.
 */
const UNSCANNABLE = new Map<string, string>();
/** Tensor payloads in a PyTorch zip: raw bytes, never unpickled by torch, never parsed here. */
const TORCH_STORAGE = /(^|\/)data\/\d+$/;
const CONTAINER_PICKLE = /(^|\/)((data|constants)\.pkl|[^/]*\.debug_pkl)$/;
/** Window of the pickle held at a time (larger only for a single opcode that needs more). */
const WINDOW = 1024 * 1024;
const STRICT_WINDOW = 64 * 1024;
/** Members of PyTorch's legacy tar layout (torch/serialization.py `legacy_load`). */
const LEGACY_TAR_MEMBERS = new Set(['sys_info', 'pickle', 'storages', 'tensors']);
/** Bytes per element of the legacy storage classes (torch._utils._element_size). */
const STORAGE_ELEMENT_SIZE: Record<string, number> = {
  FloatStorage: 4, DoubleStorage: 8, HalfStorage: 2, BFloat16Storage: 2, LongStorage: 8, IntStorage: 4, ShortStorage: 2, CharStorage: 1,
  ByteStorage: 1, BoolStorage: 1, ComplexFloatStorage: 8, ComplexDoubleStorage: 16, QInt8Storage: 1, QUInt8Storage: 1, QInt32Storage: 4,
  QUInt4x2Storage: 1, QUInt2x4Storage: 1,
};
const MAX_LEGACY_RECORDS = 1 << 20;
const STRICT_MAX = 4 * 1024 * 1024;

function lastInner(entry: Entry): string {
  if (!entry.innerPath) return entry.name;
  const parts = entry.innerPath.split('!');
  return parts[parts.length - 1];
}

function parentName(entry: Entry): string {
  if (!entry.innerPath) return '';
  const parts = entry.innerPath.split('!');
  return parts.length > 1 ? parts[parts.length - 2] : entry.path;
}

export function isModelName(name: string): boolean {
  return MODEL_EXT.test(name) || COMPRESSED_MODEL.test(name) || name === 'data.pkl' || name === 'constants.pkl';
}

function isZlibHead(h: Buffer): boolean {
  return h.length >= 2 && (h[0] & 0x0f) === 8 && h[0] >> 4 <= 7 && ((h[0] << 8) | h[1]) % 31 === 0;
}

function isRawLzmaHead(h: Buffer): boolean {
  // .lzma "alone" format: properties byte 0x5d, dictionary size, then a 64-bit size (often all 0xff).
  // joblib picks its lzma decompressor by the prefix `]\x00` alone, whatever the file is called.
  // joblib opens a file as lzma on the `]\x00` prefix alone (any dictionary size), so must we.
  return h.length >= 13 && h[0] === 0x5d && h[1] === 0x00;
}

/** LZ4 frame (joblib compress='lz4', lz4.frame): joblib picks it by these magic bytes alone. */
function isLz4Head(h: Buffer): boolean {
  return h.length >= 7 && h[0] === 0x04 && h[1] === 0x22 && h[2] === 0x4d && h[3] === 0x18;
}

function frameworkOf(streams: StreamResult[]): { framework?: string; format: string } {
  const mods = new Set<string>();
  for (const s of streams) for (const i of s.imports) mods.add(i.module.split('.')[0]);
  let format = 'pickle';
  if (mods.has('joblib')) format = 'joblib';
  else if (mods.has('dill')) format = 'dill';
  else if (mods.has('cloudpickle')) format = 'cloudpickle';
  const order: Array<[string, string]> = [
    ['torch', 'pytorch'],
    ['__torch__', 'pytorch'],
    ['transformers', 'transformers'],
    ['xgboost', 'xgboost'],
    ['lightgbm', 'lightgbm'],
    ['catboost', 'catboost'],
    ['sklearn', 'scikit-learn'],
    ['keras', 'keras'],
    ['tensorflow', 'tensorflow'],
    ['pandas', 'pandas'],
    ['numpy', 'numpy'],
  ];
  for (const [m, f] of order) if (mods.has(m)) return { framework: f, format };
  return { format };
}

/**
 * Analyses the pickle at `offset` window by window (analyseWindowed): memory stays one window plus
 * the machine's bounded state, whatever the size, and every byte is analysed once.
 */
async function readProgressively(src: ByteSource, offset: number, ctx: ParseContext, strict: boolean): Promise<{ analysis: PickleAnalysis; limitHit?: string; limitRatio?: boolean; readError?: string } | undefined> {
  const cap = ctx.limits.maxEntryBytes;
  const r = await analyseWindowed({
    read: (at, n) => src.read(offset + at, n),
    size: src instanceof DecompressingSource ? undefined : Math.max(0, src.size - offset),
    cap,
    // Files that are only maybe pickles (no header, no model name) start small and give up early.
    window: strict ? STRICT_WINDOW : WINDOW,
    ...(strict ? { giveUpAfter: STRICT_MAX } : {}),
    checkTime: ctx.checkTime,
  });
  if (!r) return undefined;
  if (r.readError?.limit) return { analysis: r.analysis, limitHit: `${r.readError.message}: bytes after ${r.readError.offset} of the pickle were not examined`, ...(r.readError.limitName === 'maxCompressionRatio' ? { limitRatio: true } : {}) };
  // A decoding error (corrupt or truncated wrapper): what decoded before it was analysed.
  if (r.readError) return { analysis: r.analysis, readError: r.readError.message };
  if (!r.capped) return { analysis: r.analysis };
  return { analysis: r.analysis, limitHit: `the pickle runs past the ${cap}-byte analysis limit (maxEntryBytes): bytes after ${cap} were not examined` };
}

/** One pickle stream at `offset`, reading only as many bytes as it needs (offsets made absolute). */
async function streamAt(src: ByteSource, offset: number, ctx: ParseContext): Promise<StreamResult> {
  const run = startStream(0, { checkTime: ctx.checkTime });
  const cap = ctx.limits.maxEntryBytes;
  let at = 0;
  let want = 4096;
  for (;;) {
    const buf = await src.read(offset + at, Math.min(want, cap - at));
    const final = buf.length < Math.min(want, cap - at) || at + buf.length >= cap;
    const r = run.feed(buf, at, final, true);
    if (r) return { ...r, start: offset, end: offset + r.end };
    // Resume where the machine stopped; an opcode larger than the window gets a larger one.
    if (run.resumeAt === at) want *= 8;
    at = run.resumeAt;
  }
}

/**
 * The `storages` and `tensors` members of a legacy tar checkpoint, walked the way `legacy_load`
 * reads them: a count, then per record a pickle followed by raw bytes (storage data: int64 element
 * count and the elements; tensor geometry: ndim, sizes, strides, offset). Every pickle torch would
 * load is analysed; storage bytes are skipped, never read. Anything that does not follow the layout
 * ends the walk and is left as trailing data.
 */
async function walkLegacyMember(src: ByteSource, which: 'storages' | 'tensors', size: number, ctx: ParseContext): Promise<PickleAnalysis> {
  const streams: StreamResult[] = [];
  let pos = 0;
  const stop = (): PickleAnalysis => ({ streams, legacyTorch: false, needMore: false, bytes: pos, ...(pos < size ? { trailing: { offset: pos, length: size - pos } } : {}) });
  const next = async (): Promise<StreamResult | undefined> => {
    const s = await streamAt(src, pos, ctx);
    streams.push(s);
    if (!s.complete) return undefined;
    pos = s.end;
    return s;
  };
  const head = await next();
  const count = Number(head?.top);
  if (!head || !Number.isSafeInteger(count) || count < 0 || count > MAX_LEGACY_RECORDS) return stop();
  for (let i = 0; i < count; i++) {
    const s = await next();
    if (!s) return stop();
    const raw = await src.read(pos, 8);
    if (raw.length < 8) return stop();
    if (which === 'storages') {
      const type = s.imports.find((imp) => imp.module === 'torch' && STORAGE_ELEMENT_SIZE[imp.name] !== undefined);
      const numel = Number(raw.readBigInt64LE(0));
      if (!type || numel < 0) return stop();
      pos += 8 + numel * STORAGE_ELEMENT_SIZE[type.name];
    } else {
      const ndim = raw.readInt32LE(0);
      if (ndim < 0 || ndim > 64) return stop();
      pos += 8 + 16 * ndim + 8;
    }
    if (!Number.isSafeInteger(pos) || pos > size) return stop();
  }
  if (which === 'storages' && !(await next())) return stop(); // storage views
  return { streams, legacyTorch: true, needMore: false, bytes: pos };
}

/** A module or attribute path Python could import: dotted identifiers (ASCII or not, never control bytes or spaces). */
const PLAUSIBLE_NAME = /^[\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*$/u;

function plausibleImport(i: StreamResult['imports'][number]): boolean {
  return i.via !== 'EXT' && !i.computed && PLAUSIBLE_NAME.test(i.module) && PLAUSIBLE_NAME.test(i.name);
}

/**
 * Is this analysis a pickle? `strict`: a file with neither a pickle header nor a model name.
 * `headerless`: a model-named file without a PROTO header (protocol 0/1 or random bytes): random data
 * often decodes to a few opcodes (an EXT1 whose code is just the next byte, a GLOBAL of binary junk),
 * so it counts only with evidence: it reaches STOP, or it imports a name Python could import, or it
 * imports anything after a long run of valid opcodes. A truncated protocol-0/1 payload (nullifAI)
 * still counts by its import; an EXT alone needs a STOP or that long run.
 */
/** Opcodes decoded before a break that make a headerless, model-named file a pickle whatever it imports. */
const EVIDENCE_OPS = 32;

function looksLikePickleResult(a: PickleAnalysis, strict: boolean, headerless = false): boolean {
  const first = a.streams[0];
  if (!first) return false;
  if (!strict && headerless) {
    if (first.complete) return first.ops >= 2 && (first.ops >= 3 || !first.imports.some((i) => i.via === 'EXT'));
    // A long run of valid opcodes is evidence too (random bytes break within a few): there an import
    // whose name the machine could not follow (computed from memo stand-ins, EXT) still counts.
    return first.ops > 1 && (first.imports.some(plausibleImport) || (first.ops >= EVIDENCE_OPS && (first.imports.length > 0 || first.calls.length > 0)));
  }
  if (!strict) return first.ops > 1 || first.complete;
  // Strict: a text/binary file without a model name counts as a pickle only when it parses to STOP and imports.
  return first.complete && (first.imports.length > 0 || first.calls.length > 0) && first.ops >= 3;
}

async function parseNpy(entry: Entry, model: PickleFileModel, ctx: ParseContext): Promise<PickleFileModel> {
  const head = await entry.source.read(0, 12);
  if (head.length < 10) return { ...model, kind: 'none' };
  const major = head[6];
  const lenBytes = major === 1 ? 2 : 4;
  const hlen = major === 1 ? head.readUInt16LE(8) : head.length >= 12 ? head.readUInt32LE(8) : 0;
  const start = 8 + lenBytes;
  const headerText = (await entry.source.read(start, Math.min(hlen, 65536))).toString('latin1');
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(headerText)?.[1] ?? (/'descr'\s*:\s*\[/.test(headerText) ? '<structured>' : '?');
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(headerText)?.[1] ?? '?';
  // Object fields of a structured dtype too: [('a', '|O'), ...] (a field's type follows a comma).
  const objectArray = descr.includes('O') || /'O'/.test(headerText) || /,\s*'[<>|=]?O\d*'/.test(headerText);
  const npy = { descr, shape: `(${shape})`, objectArray, version: `${major}.${head[7]}` };
  const next: PickleFileModel = { ...model, kind: 'npy', format: 'numpy-npy', framework: 'numpy', npy };
  if (!objectArray) return next;
  const r = await readProgressively(entry.source, start + hlen, ctx, false);
  return r ? { ...next, kind: 'pickle', pickleOffset: start + hlen, analysis: r.analysis, ...(r.limitHit ? { limitHit: r.limitHit, ...(r.limitRatio ? { limitRatio: true } : {}) } : {}) } : next;
}

async function findPolyglotZip(entry: Entry, ctx: ParseContext): Promise<PickleFileModel['polyglot']> {
  // A decompressed member (model.pt.gz): its size is known once the pickle pass has decoded it to
  // the end, and the tail is then in the source's window. Without this a gzip-wrapped polyglot
  // (torch loads its zip part) gave only a low trailing-data finding.
  const src = entry.source;
  if (src instanceof DecompressingSource && (!src.complete || src.error)) return undefined;
  const size = src instanceof DecompressingSource ? src.size : entry.size;
  if (size < 22) return undefined;
  const tailLen = Math.min(size, 22 + 0xffff);
  const tail = await entry.source.read(size - tailLen, tailLen);
  if (tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) < 0) return undefined;
  let zip;
  try {
    zip = await readZip(entry.source, ctx.limits.maxArchiveMembers);
  } catch {
    return undefined;
  }
  if (zip.members.length === 0) return undefined;
  const budget = new ArchiveBudget(ctx.limits);
  const pickles: NonNullable<PickleFileModel['polyglot']>['pickles'] = [];
  for (const m of zip.members) {
    if (m.isDirectory || !(/\.(pkl|pickle)$/i.test(m.name)) || pickles.length >= 16) continue;
    try {
      const src = await openZipMember(entry.source, m, { limits: ctx.limits, budget }, `${entry.path}!${m.name}`);
      const r = await readProgressively(src, 0, ctx, false);
      pickles.push({ name: m.name, ...(r ? { analysis: r.analysis } : {}) });
    } catch (e) {
      pickles.push({ name: m.name, error: errorMessage(e) });
    }
  }
  return { members: zip.members.slice(0, 50).map((m) => m.name), pickles };
}

export const pickleParser: Parser<PickleFileModel> = {
  id: 'pickle',
  accepts(entry) {
    if (entry.kind === 'member' && TORCH_STORAGE.test(lastInner(entry))) return false;
    const k = entry.type.kind;
    return k === 'pickle' || k === 'npy' || k === 'binary' || k === 'text' || UNSCANNABLE.has(k);
  },
  async parse(entry, ctx) {
    const inner = lastInner(entry);
    const modelName = isModelName(entry.name);
    const inContainer = entry.kind === 'member' && (CONTAINER_PICKLE.test(inner) || /\.npz$/i.test(parentName(entry)));
    const model: PickleFileModel = { kind: 'none', format: 'pickle', pickleOffset: 0, modelName, inventory: !inContainer, size: entry.size };
    const kind = entry.type.kind;
    if (kind === 'npy') return parseNpy(entry, model, ctx);
    const head = await entry.source.read(0, 64);
    if (head.length === 0) return model;
    const codec = UNSCANNABLE.get(kind) ?? (kind === 'binary' && isRarHead(head) ? 'rar' : undefined);
    if (codec) {
      if (!modelName && !COMPRESSED_MODEL.test(entry.name)) return model;
      return { ...model, kind: 'unscannable', format: 'compressed', unscannable: { codec, reason: `${codec} compression: mlwarden has no decoder for it, so the model inside was not examined` } };
    }
    const wrapCodec = kind !== 'binary' ? undefined : isZlibHead(head) ? 'zlib' : isRawLzmaHead(head) ? 'lzma' : isLz4Head(head) ? 'lz4' : undefined;
    if (wrapCodec) {
      const named = modelName || COMPRESSED_MODEL.test(entry.name) || /\.(lzma|lz4)$/i.test(entry.name);
      // Salvage mode: damage ends the stream where it is, so the one forward pass analyses every
      // byte decoded before it (held memory stays bounded whatever the decompressed size).
      const src = new DecompressingSource(entry.source, wrapCodec, { maxBytes: ctx.limits.maxEntryBytes, maxRatio: ctx.limits.maxCompressionRatio, label: entry.innerPath ? `${entry.path}!${entry.innerPath}` : entry.path, salvage: true });
      try {
        const innerHead = await src.read(0, 2);
        if (innerHead.length >= 2 && (innerHead[0] === 0x80 || (OPCODES[innerHead[0]] && (named || JOBLIB_COMPRESSED.test(entry.name))))) {
          const r = await readProgressively(src, 0, ctx, innerHead[0] !== 0x80 && !named);
          // Python unpickles as it decompresses: a payload before the damage runs, so it is reported
          // with the coverage gap (a named model), never instead of it.
          const damage = src.error instanceof ParseError ? src.error.message : r?.readError;
          if (damage && named) return brokenWrapper(model, wrapCodec, damage, r?.analysis.streams.length ? r.analysis : undefined, src.decodedBeforeError ?? r?.analysis.bytes ?? 0);
          if (r && looksLikePickleResult(r.analysis, innerHead[0] !== 0x80 && !named, innerHead[0] !== 0x80)) {
            return { ...model, kind: 'pickle', wrapper: wrapCodec, analysis: r.analysis, ...(r.limitHit ? { limitHit: r.limitHit, ...(r.limitRatio ? { limitRatio: true } : {}) } : {}), ...frameworkOf(r.analysis.streams) };
          }
        } else if (innerHead.length < 2 && src.error instanceof ParseError && wrapCodec !== 'zlib' && named) {
          // Not even the first bytes decode. (zlib: maybe not zlib after all, fall through to the
          // plain checks.) An lzma/lz4 header on a file named like a model is a coverage gap, never a pass.
          return brokenWrapper(model, wrapCodec, src.error.message, undefined, 0);
        }
      } catch (e) {
        if (wrapCodec !== 'zlib' && named && !(e instanceof LimitExceededError)) return brokenWrapper(model, wrapCodec, errorMessage(e), undefined, 0);
        if (e instanceof LimitExceededError) throw e;
      } finally {
        await src.close();
      }
    }
    const legacy = entry.kind === 'member' && LEGACY_TAR_MEMBERS.has(inner) ? inner : undefined;
    if ((legacy === 'storages' || legacy === 'tensors') && head[0] === 0x80) {
      const analysis = await walkLegacyMember(entry.source, legacy, entry.size, ctx);
      return { ...model, kind: 'pickle', format: 'pytorch-legacy-tar', framework: 'pytorch', analysis, inventory: false };
    }
    if (kind !== 'pickle' && OPCODES[head[0]] === undefined) return model;
    const strict = kind !== 'pickle' && !modelName;
    const r = await readProgressively(entry.source, 0, ctx, strict);
    if (!r || !looksLikePickleResult(r.analysis, strict, kind !== 'pickle')) return model;
    const fw = frameworkOf(r.analysis.streams);
    const out: PickleFileModel = { ...model, kind: 'pickle', analysis: r.analysis, ...(r.limitHit ? { limitHit: r.limitHit, ...(r.limitRatio ? { limitRatio: true } : {}) } : {}), ...fw };
    if (r.analysis.legacyTorch) {
      out.format = 'pytorch-legacy';
      out.framework = 'pytorch';
    }
    if (legacy) {
      // The legacy tar's top-level object lives in `pickle`: that member carries the checkpoint's record.
      out.format = 'pytorch-legacy-tar';
      out.framework = 'pytorch';
      out.inventory = legacy === 'pickle';
    }
    if (!r.analysis.needMore) {
      const poly = await findPolyglotZip(entry, ctx);
      if (poly) out.polyglot = poly;
    }
    return out;
  },
};

/** Every stream in the model, nested pickles included, with a label saying where it sits. */
export function* allStreams(model: PickleFileModel): Generator<{ stream: StreamResult; where: string; nested: boolean; index: number }> {
  if (!model.analysis) return;
  const queue: Array<{ stream: StreamResult; where: string; nested: boolean; index: number }> = model.analysis.streams.map((s, i) => ({
    stream: s,
    where: model.analysis!.streams.length > 1 ? `stream ${i + 1} (offset ${model.pickleOffset + s.start})` : '',
    nested: false,
    index: i,
  }));
  // Breadth-first over nested pickles; their depth is bounded by the machine.
  for (let q = 0; q < queue.length && q < 1024; q++) {
    const item = queue[q];
    yield item;
    for (const n of item.stream.nested) {
      queue.push({ stream: n.result, where: `${item.where ? `${item.where}, ` : ''}${n.joblibArray ? 'joblib object array' : 'nested pickle'} at offset ${n.offset}`, nested: !n.joblibArray, index: item.index });
    }
  }
}

/** A named model whose compression wrapper does not decode to its end: a coverage gap, plus whatever decoded before the damage. */
function brokenWrapper(model: PickleFileModel, codec: string, error: string, analysis: PickleAnalysis | undefined, decoded: number): PickleFileModel {
  return {
    ...model,
    kind: 'unscannable',
    format: 'compressed',
    unscannable: { codec, reason: `${codec} stream is corrupt or truncated (${error}): the model inside was not fully examined${analysis ? `; the ${decoded} bytes decoded before the damage were analysed` : ''}` },
    ...(analysis ? { wrapper: codec, analysis } : {}),
  };
}
