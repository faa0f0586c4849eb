// Every pickle stream in a byte range: stacked pickles, data after STOP, PyTorch's legacy format
// (five pickles then raw storage bytes). A loader may read more than one stream (torch's legacy
// reader does, so does any `while True: pickle.load(f)`), so a scanner must too.
import { isIdentifierPath, LEGACY_TORCH_MAGIC, runStream, type MachineOptions, type StreamResult } from './machine.js';

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

export function analysePickle(buf: Buffer, opts: MachineOptions & { final: boolean }): PickleAnalysis {
  const out: PickleAnalysis = { streams: [], legacyTorch: false, needMore: false, bytes: buf.length };
  let pos = 0;
  while (pos < buf.length && out.streams.length < MAX_STREAMS) {
    const r = runStream(buf, pos, opts);
    if (r.error?.eof && !opts.final) {
      out.needMore = true;
      return out;
    }
    if (out.streams.length > 0) {
      // After STOP: a real second pickle, or just bytes (legacy storages, padding, garbage)?
      const plausible = r.complete || r.imports.some((i) => !i.computed && isIdentifierPath(i.module) && isIdentifierPath(i.name));
      if (!plausible) {
        out.trailing = { offset: pos, length: buf.length - pos };
        break;
      }
    }
    out.streams.push(r);
    if (out.streams.length === 1 && r.complete && r.top === LEGACY_TORCH_MAGIC) out.legacyTorch = true;
    if (!r.complete) break;
    pos = r.end;
    if (out.legacyTorch && out.streams.length >= LEGACY_STREAMS) {
      if (pos < buf.length) out.trailing = { offset: pos, length: buf.length - pos };
      break;
    }
  }
  return out;
}
