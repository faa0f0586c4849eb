// Decoding one 7z folder: its coders form a graph joined by bind pairs; mlwarden decodes the
// common shape, a chain of one-input/one-output coders (e.g. BCJ -> LZMA, Delta -> LZMA2) reading
// one packed stream. The chain is followed from the folder's output towards its packed stream with
// a visited set (a bind-pair loop is an error, not a hang). Output is pulled forward, chunk by
// chunk: a solid folder is never held whole.
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { ParseError } from '../../core/errors.js';
import type { ByteSource } from '../../core/types.js';
import { decodeBzip2 } from '../codecs/bzip2.js';
import { applyFilter, branchFilter, DeltaFilter } from '../codecs/filters.js';
import { decodeLzma2Raw, decodeLzmaRaw } from '../codecs/lzma.js';
import { coderKind, coderName, type CoderKind } from './coders.js';
import { mainOutStream, type Folder } from './header.js';

const INPUT_CHUNK = 64 * 1024;
const BRANCH = { 'bcj-x86': 'x86', 'bcj-arm': 'arm', 'bcj-armthumb': 'armthumb', 'bcj-powerpc': 'powerpc', 'bcj-sparc': 'sparc' } as const;

/** Why a folder cannot be decoded here (unsupported coder or graph): names the coder. */
export class UnsupportedCoderError extends ParseError {
  constructor(message: string, readonly coder: string) {
    super(message);
  }
}

export interface ChainStep {
  kind: CoderKind;
  props: Buffer;
  /** Declared output size of this coder. */
  size: number;
}

/** The coders from the packed stream outwards; throws UnsupportedCoderError / ParseError. */
export function folderChain(f: Folder, label: string): { steps: ChainStep[]; packIndex: number } {
  const unsupported = f.coders.map((c) => c.id).filter((id) => !coderKind(id));
  if (unsupported.length) {
    const names = [...new Set(unsupported.map(coderName))].join(', ');
    throw new UnsupportedCoderError(`${label}: 7z coder ${names} is not supported, contents not scanned`, names);
  }
  if (f.coders.some((c) => c.numIn !== 1 || c.numOut !== 1)) throw new UnsupportedCoderError(`${label}: 7z folder with a multi-stream coder is not supported, contents not scanned`, 'multi-stream');
  // With 1-in/1-out coders, coder i owns in-stream i and out-stream i.
  let out = mainOutStream(f);
  if (out < 0) throw new ParseError(`${label}: corrupt 7z header (folder has no output stream)`);
  const steps: ChainStep[] = [];
  const seen = new Set<number>();
  for (;;) {
    if (seen.has(out)) throw new ParseError(`${label}: corrupt 7z header (bind pairs form a loop)`);
    seen.add(out);
    const c = f.coders[out];
    steps.unshift({ kind: coderKind(c.id)!, props: c.props, size: f.unpackSizes[out] });
    const input = out;
    const bound = f.bindPairs.find((b) => b.inIndex === input);
    if (!bound) {
      const packIndex = f.packedStreams.indexOf(input);
      if (packIndex < 0) throw new ParseError(`${label}: corrupt 7z header (coder input is neither bound nor packed)`);
      if (seen.size !== f.coders.length) throw new UnsupportedCoderError(`${label}: 7z folder whose coders do not form one chain is not supported`, 'coder graph');
      return { steps, packIndex };
    }
    out = bound.outIndex;
  }
}

/** Passes at most `size` bytes and fails when the stream ends short or runs long. */
async function* exactly(input: AsyncIterable<Buffer>, size: number, what: string, label: string): AsyncGenerator<Buffer> {
  let got = 0;
  for await (const c of input) {
    if (got + c.length > size) {
      if (size > got) yield c.subarray(0, size - got);
      throw new ParseError(`${label}: ${what} produces more than its declared ${size} bytes`);
    }
    got += c.length;
    yield c;
  }
  if (got < size) throw new ParseError(`${label}: ${what} data ends after ${got} of ${size} bytes (truncated or corrupt)`);
}

function inflateRaw(input: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  const dec = createInflateRaw();
  Readable.from(input).on('error', (e) => dec.destroy(e)).pipe(dec);
  return dec as AsyncIterable<Buffer>;
}

function step(kind: CoderKind, props: Buffer, size: number, input: AsyncIterable<Buffer>, label: string): AsyncIterable<Buffer> {
  const it = () => input[Symbol.asyncIterator]();
  switch (kind) {
    case 'copy':
      return input;
    case 'lzma':
      return decodeLzmaRaw(it(), props, size, label);
    case 'lzma2':
      return decodeLzma2Raw(it(), props, label);
    case 'bzip2':
      return decodeBzip2(it(), label);
    case 'deflate':
      return inflateRaw(input);
    case 'bcj-x86':
    case 'bcj-arm':
    case 'bcj-armthumb':
    case 'bcj-powerpc':
    case 'bcj-sparc':
      return applyFilter(input, branchFilter(BRANCH[kind], props.length >= 4 ? props.readUInt32LE(0) : 0));
    case 'delta':
      return applyFilter(input, new DeltaFilter((props[0] ?? 0) + 1));
  }
}

export interface PackedRead {
  /** Packed bytes handed to the first coder so far (for the compression-ratio cap). */
  consumed: number;
}

/**
 * The folder's decoded output, in order. `packed` is the folder's packed stream; `counter` is
 * updated as it is read.
 */
export function decodeFolder(f: Folder, packed: ByteSource, packedSize: number, counter: PackedRead, label: string): AsyncIterable<Buffer> {
  const { steps } = folderChain(f, label);
  const raw = async function* (): AsyncGenerator<Buffer> {
    let off = 0;
    while (off < packedSize) {
      const b = await packed.read(off, Math.min(INPUT_CHUNK, packedSize - off));
      if (b.length === 0) throw new ParseError(`${label}: 7z packed data runs past the end of the archive (truncated)`);
      off += b.length;
      counter.consumed += b.length;
      yield b;
    }
  };
  let s: AsyncIterable<Buffer> = raw();
  for (const st of steps) s = exactly(step(st.kind, st.props, st.size, s, label), st.size, `7z ${st.kind} coder`, label);
  return s;
}
