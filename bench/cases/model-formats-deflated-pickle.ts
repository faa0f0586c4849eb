// Compressed pickles on the real scan path: a 32 MiB and a 200 MiB checkpoint-shaped pickle as a
// deflated data.pkl in a PyTorch-style zip, then the 200 MiB one as a zlib-compressed joblib file,
// scanned one after the other. Peak RSS after each shows whether memory grows with the decompressed
// size (it should not: the decompressing source keeps a head and a window, not the whole output).
// Inputs are written by streaming (setup memory stays small: it counts in the child's peak RSS).
import { closeSync, createReadStream, existsSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { createDeflate, createDeflateRaw } from 'node:zlib';
import { join } from 'node:path';
import type { BenchCase } from '../harness.js';
import { peakRssMiB, scanBenign } from '../scan-benign.js';
import { crc32Update } from '../../src/io/crc32.js';
import { writeCheckpointPickle } from './model-pickle-opcode-throughput.js';

const SMALL = 32 * 1024 * 1024;
const BIG = 200 * 1024 * 1024; // under the default 256 MiB maxEntryBytes: analysed to the end

/** Streams `input` through `z` into fd at its current end; returns CRC-32 and sizes. */
async function pump(fd: number, input: string, z: NodeJS.ReadWriteStream): Promise<{ crc: number; raw: number; packed: number }> {
  let crc = 0;
  let raw = 0;
  let packed = 0;
  const src = createReadStream(input);
  src.on('data', (c) => {
    crc = crc32Update(crc, c as Buffer);
    raw += (c as Buffer).length;
  });
  z.on('data', (c: Buffer) => {
    writeSync(fd, c);
    packed += c.length;
  });
  await new Promise<void>((resolve, reject) => {
    z.on('end', resolve).on('error', reject);
    src.on('error', reject);
    src.pipe(z as NodeJS.WritableStream);
  });
  return { crc, raw, packed };
}

/** A PyTorch-style zip: `archive/data.pkl` deflated, plus a stored version record. */
async function writeZip(file: string, pickle: string): Promise<void> {
  const fd = openSync(`${file}.tmp`, 'w');
  const centrals: Buffer[] = [];
  let offset = 0;
  const local = (name: string, method: number, crc: number, packed: number, raw: number): Buffer => {
    const h = Buffer.alloc(30 + name.length);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(method, 8);
    h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(packed, 18);
    h.writeUInt32LE(raw, 22);
    h.writeUInt16LE(name.length, 26);
    h.write(name, 30, 'latin1');
    return h;
  };
  const central = (name: string, method: number, crc: number, packed: number, raw: number, at: number): Buffer => {
    const h = Buffer.alloc(46 + name.length);
    h.writeUInt32LE(0x02014b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(20, 6);
    h.writeUInt16LE(method, 10);
    h.writeUInt32LE(crc, 16);
    h.writeUInt32LE(packed, 20);
    h.writeUInt32LE(raw, 24);
    h.writeUInt16LE(name.length, 28);
    h.writeUInt32LE(at, 42);
    h.write(name, 46, 'latin1');
    return h;
  };
  const name = 'archive/data.pkl';
  writeSync(fd, local(name, 8, 0, 0, 0));
  const r = await pump(fd, pickle, createDeflateRaw({ level: 1 }));
  // Patch the local header now that CRC and sizes are known.
  const fix = Buffer.alloc(12);
  fix.writeUInt32LE(r.crc, 0);
  fix.writeUInt32LE(r.packed, 4);
  fix.writeUInt32LE(r.raw, 8);
  writeSync(fd, fix, 0, 12, offset + 14);
  centrals.push(central(name, 8, r.crc, r.packed, r.raw, offset));
  offset += 30 + name.length + r.packed;
  const version = Buffer.from('3\n');
  const vname = 'archive/version';
  const vcrc = crc32Update(0, version);
  writeSync(fd, local(vname, 0, vcrc, version.length, version.length));
  writeSync(fd, version);
  centrals.push(central(vname, 0, vcrc, version.length, version.length, offset));
  offset += 30 + vname.length + version.length;
  const cd = Buffer.concat(centrals);
  writeSync(fd, cd);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(centrals.length, 8);
  eocd.writeUInt16LE(centrals.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  writeSync(fd, eocd);
  closeSync(fd);
  renameSync(`${file}.tmp`, file);
}

async function writeZlib(file: string, pickle: string): Promise<void> {
  const fd = openSync(`${file}.tmp`, 'w');
  await pump(fd, pickle, createDeflate({ level: 1 }));
  closeSync(fd);
  renameSync(`${file}.tmp`, file);
}

const c: BenchCase = {
  name: 'model: deflated pickle 32+200 MiB',
  scanner: 'model',
  async setup(dir) {
    const files: Array<[string, number, 'zip' | 'zlib']> = [
      ['small.pt', SMALL, 'zip'],
      ['big.pt', BIG, 'zip'],
      ['big.joblib', BIG, 'zlib'],
    ];
    for (const [name, size, kind] of files) {
      const out = join(dir, name);
      if (existsSync(out)) continue;
      const raw = join(dir, `${name}.raw.pkl`);
      writeCheckpointPickle(raw, size);
      if (kind === 'zip') await writeZip(out, raw);
      else await writeZlib(out, raw);
      unlinkSync(raw);
    }
    return { paths: files.map((f) => f[0]), bytes: SMALL + 2 * BIG, files: files.length };
  },
  async run(_input, dir) {
    const scan = async (name: string, size: number) => (size / 1048576 / (await scanBenign(name, dir)).secs).toFixed(0);
    const out: Record<string, string> = {};
    out.zip32MiBps = await scan('small.pt', SMALL);
    out.zip32RssMiB = peakRssMiB();
    out.zip200MiBps = await scan('big.pt', BIG);
    out.zip200RssMiB = peakRssMiB();
    out.zlib200MiBps = await scan('big.joblib', BIG);
    out.zlib200RssMiB = peakRssMiB();
    return out;
  },
};
export default c;
