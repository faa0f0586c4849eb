// bzip2-, xz- and .lzma-wrapped 16 MiB pickles (a state dict of float lists, moderately
// compressible like real optimizer state): measures the pure-JS decoders plus pickle analysis.
// Setup compresses with the system `bzip2` / `xz` tools (Debian: bzip2, xz-utils); a codec whose
// tool is missing is left out.
import { existsSync, writeFileSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { BenchCase } from '../harness.js';

const RAW = 16 * 1024 * 1024;

/**
 * A state-dict-shaped protocol-4 pickle of about `size` bytes whose tensors are lists of floats
 * (BINFLOAT): real-looking, compressible like optimizer state, deterministic. Also used by the 7z case.
 */
export function floatListPickle(size = RAW, suffix = 'exp_avg'): Buffer {
  const parts: Buffer[] = [Buffer.from([0x80, 0x04, 0x7d, 0x28])]; // PROTO 4, EMPTY_DICT, MARK
  let seed = 12345;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let layer = 0, have = 4; have < size; layer++) {
    const key = Buffer.from(`layer${layer}.${suffix}`);
    const head = Buffer.concat([Buffer.from([0x8c, key.length]), key, Buffer.from([0x5d, 0x28])]); // SHORT_BINUNICODE, EMPTY_LIST, MARK
    const body = Buffer.alloc(9 * 4096);
    for (let i = 0; i < 4096; i++) {
      body[i * 9] = 0x47; // BINFLOAT
      body.writeDoubleBE(Math.round((rnd() - 0.5) * 2000) / 1e4, i * 9 + 1);
    }
    parts.push(head, body, Buffer.from([0x65])); // APPENDS
    have += head.length + body.length + 1;
  }
  parts.push(Buffer.from([0x75, 0x2e])); // SETITEMS, STOP
  return Buffer.concat(parts);
}

function compress(tool: string, args: string[], input: Buffer): Buffer | undefined {
  try {
    return execFileSync(tool, args, { input, maxBuffer: 256 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

const c: BenchCase = {
  name: 'model: bzip2, xz and lzma-wrapped 16 MiB pickles',
  scanner: 'model',
  async setup(dir) {
    const raw = floatListPickle();
    const out: string[] = [];
    for (const [name, tool, args] of [
      ['state.pkl.bz2', 'bzip2', ['-9', '-c']],
      ['state.pkl.xz', 'xz', ['-6', '-c']],
      ['state.pkl.lzma', 'xz', ['--format=lzma', '-6', '-c']],
    ] as const) {
      const file = join(dir, name);
      if (!existsSync(file)) {
        const z = compress(tool, [...args], raw);
        if (!z) continue;
        writeFileSync(file, z);
      }
      out.push(name);
    }
    const compressed = out.reduce((n, p) => n + statSync(join(dir, p)).size, 0);
    console.error(`compressed: ${compressed} bytes for ${out.length} x ${raw.length} decompressed`);
    return { paths: out, bytes: raw.length * out.length, files: out.length };
  },
};
export default c;
