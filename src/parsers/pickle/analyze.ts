// Every pickle stream in a byte range: stacked pickles, data after STOP, PyTorch's legacy format
// (five pickles then raw storage bytes). A loader may read more than one stream (torch's legacy
// reader does, so does any `while True: pickle.load(f)`), so a scanner must too.
import { LimitExceededError } from '../../core/errors.js';
import { isIdentifierPath, LEGACY_TORCH_MAGIC, runStream, startStream, type MachineOptions, type StreamResult } from './machine.js';

export interface PickleAnalysis {
  streams: StreamResult[];
  /** Bytes after the last stream that do not parse as a pickle. */
  trailing?: { offset: number; length: number };
  /** First stream is PyTorch's legacy magic number: streams 1-5 are expected, raw storages follow. */
  legacyTorch: boolean;
  /** The buffer ended inside a stream and was not the whole input: read more and run again. */
  needMore: boolean;
  /** Bytes examined. */
  bytes: number;
}

const MAX_STREAMS = 64;
const LEGACY_STREAMS = 5;

/** What to do after a stream: keep it and go on, keep it and stop, or treat it as trailing bytes. */
function afterStream(out: PickleAnalysis, r: StreamResult): 'next' | 'stop' | 'trailing' {
  if (out.streams.length > 0) {
    // After STOP: a real second pickle, or just bytes (legacy storages, padding, garbage)?
    const plausible = r.complete || r.imports.some((i) => !i.computed && isIdentifierPath(i.module) && isIdentifierPath(i.name));
    if (!plausible) return 'trailing';
  }
  out.streams.push(r);
  if (out.streams.length === 1 && r.complete && r.top === LEGACY_TORCH_MAGIC) out.legacyTorch = true;
  if (!r.complete || (out.legacyTorch && out.streams.length >= LEGACY_STREAMS)) return 'stop';
  return 'next';
}

/** One buffer holding the input (or its first part, when `final` is false). */
export function analysePickle(buf: Buffer, opts: MachineOptions & { final: boolean }): PickleAnalysis {
  const out: PickleAnalysis = { streams: [], legacyTorch: false, needMore: false, bytes: buf.length };
  let pos = 0;
  while (pos < buf.length && out.streams.length < MAX_STREAMS) {
    const r = runStream(buf, pos, opts);
    if (r.error?.eof && !opts.final) {
      out.needMore = true;
      return out;
    }
    const next = afterStream(out, r);
    if (next === 'trailing') {
      out.trailing = { offset: pos, length: buf.length - pos };
      break;
    }
    if (!r.complete) break;
    pos = r.end;
    if (next === 'stop') {
      if (pos < buf.length) out.trailing = { offset: pos, length: buf.length - pos };
      break;
    }
  }
  return out;
}

export interface WindowedOptions extends MachineOptions {
  /** Reads up to `length` bytes at `offset` (relative to the pickle); shorter only at the end. */
  read(offset: number, length: number): Promise<Buffer>;
  /** Bytes from the pickle's start to the end of the input, when known exactly. */
  size?: number;
  /** Bytes analysed at most (maxEntryBytes): a stream running past it is cut there and reported. */
  cap: number;
  /** Bytes per window (grown only for a single opcode larger than a window). */
  window: number;
  /** Give up (undefined) when the first stream needs more than this many bytes (maybe-not-a-pickle input). */
  giveUpAfter?: number;
}

export interface WindowedAnalysis {
  analysis: PickleAnalysis;
  /** The analysis stopped at `cap` inside a stream. */
  capped: boolean;
  /** Reading the input failed at `offset` (corrupt compressed data, a decompression limit): what came before was analysed. */
  readError?: { message: string; offset: number; limit: boolean; /** Which limit (LimitExceededError.limit), e.g. maxCompressionRatio. */ limitName?: string };
}

/**
 * The same analysis as analysePickle, over windows of the input: each stream's machine is resumed
 * window after window, so memory holds one window (plus the machine's bounded state) whatever the
 * file size, and no byte is analysed twice.
 */
export async function analyseWindowed(opts: WindowedOptions): Promise<WindowedAnalysis | undefined> {
  const out: PickleAnalysis = { streams: [], legacyTorch: false, needMore: false, bytes: 0 };
  const limit = opts.size === undefined ? opts.cap : Math.min(opts.cap, opts.size);
  let win: Buffer = Buffer.alloc(0);
  let winStart = 0;
  /** The window reaches the end of the input (or the cap). */
  let winFinal = false;
  let capped = false;
  let readError: WindowedAnalysis['readError'];
  /** Makes the window start at `at` and hold at least `more` bytes past what it held there before. */
  const load = async (at: number, grow: boolean): Promise<void> => {
    const held = winStart + win.length - at;
    const want = Math.min(limit - at, Math.max(opts.window, grow ? held * 2 : 0));
    try {
      win = want > 0 ? await opts.read(at, want) : Buffer.alloc(0);
    } catch (e) {
      // A corrupt or over-limit compressed source: analyse what was read, report the rest unseen.
      readError ??= { message: e instanceof Error ? e.message : String(e), offset: at, limit: e instanceof Error && e.name === 'LimitExceededError', ...(e instanceof LimitExceededError ? { limitName: e.limit } : {}) };
      win = Buffer.alloc(0);
      winStart = at;
      winFinal = true;
      return;
    }
    winStart = at;
    const ended = win.length < want || (opts.size !== undefined && at + win.length >= opts.size);
    winFinal = ended || at + win.length >= opts.cap;
    if (winFinal && !ended && at + win.length >= opts.cap) capped = true;
    if (winStart + win.length > out.bytes) out.bytes = winStart + win.length;
  };
  await load(0, false);
  let pos = 0;
  let capHit = false;
  /** Length of the input up to the cap (for trailing bytes): read on to the end when not known. */
  const total = async (): Promise<number> => {
    if (opts.size !== undefined) return limit;
    let n = winStart + win.length;
    while (!winFinal) {
      await load(n, false);
      n = winStart + win.length;
    }
    return n;
  };
  while (out.streams.length < MAX_STREAMS) {
    if (pos >= winStart + win.length) {
      if (winFinal) break;
      await load(pos, false);
      if (win.length === 0) break;
    }
    const run = startStream(pos, { ...opts, ...(opts.size !== undefined ? { inputEnd: limit } : {}) });
    let r: StreamResult | undefined;
    for (;;) {
      if (run.resumeAt < winStart || run.resumeAt > winStart + win.length) await load(run.resumeAt, false);
      r = run.feed(win, winStart, winFinal, true);
      if (r) break;
      if (opts.giveUpAfter !== undefined && out.streams.length === 0 && winStart + win.length >= opts.giveUpAfter) return undefined;
      // The opcode at resumeAt did not fit: a fresh window from there (twice as long if it was already there).
      await load(run.resumeAt, run.resumeAt === winStart);
    }
    if (capped && r.error?.eof) capHit = true;
    const next = afterStream(out, r);
    if (next === 'trailing') {
      out.trailing = { offset: pos, length: (await total()) - pos };
      break;
    }
    if (!r.complete) break;
    pos = r.end;
    if (next === 'stop') {
      const end = await total();
      if (pos < end) out.trailing = { offset: pos, length: end - pos };
      break;
    }
  }
  return { analysis: out, capped: capHit, ...(readError ? { readError } : {}) };
}
