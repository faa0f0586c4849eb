// A 10 GiB PyTorch zip checkpoint (ZIP64, one stored tensor member written sparse) with a real
// data.pkl: the verdict needs the central directory and data.pkl only, so time and RSS must not
// depend on the tensor bytes.
import { existsSync, openSync, writeSync, ftruncateSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchCase } from '../harness.js';

const TENSOR = 10 * 1024 ** 3;
const DATA_PKL = Buffer.from(
  '\x80\x02ccollections\nOrderedDict\nq\x00)Rq\x01X\x06\x00\x00\x00weightq\x02ctorch._utils\n_rebuild_tensor_v2\nq\x03((X\x07\x00\x00\x00storageq\x04ctorch\nFloatStorage\nq\x05X\x01\x00\x00\x000q\x06X\x03\x00\x00\x00cpuq\x07\x8a\x05\x00\x00\x00\x80\x00tq\x08QK\x00\x8a\x05\x00\x00\x00\x80\x00\x85q\tK\x01\x85q\n\x89h\x00)Rq\x0btq\x0cRq\rs.',
  'latin1',
);

function lfh(name: string, size: number, zip64: boolean): Buffer {
  const n = Buffer.from(name);
  const extra = zip64 ? Buffer.alloc(20) : Buffer.alloc(0);
  if (zip64) {
    extra.writeUInt16LE(1, 0);
    extra.writeUInt16LE(16, 2);
    extra.writeBigUInt64LE(BigInt(size), 4);
    extra.writeBigUInt64LE(BigInt(size), 12);
  }
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(zip64 ? 45 : 20, 4);
  h.writeUInt32LE(zip64 ? 0xffffffff : size, 18);
  h.writeUInt32LE(zip64 ? 0xffffffff : size, 22);
  h.writeUInt16LE(n.length, 26);
  h.writeUInt16LE(extra.length, 28);
  return Buffer.concat([h, n, extra]);
}

function cdh(name: string, size: number, offset: number, zip64: boolean): Buffer {
  const n = Buffer.from(name);
  const extra = zip64 ? Buffer.alloc(20) : Buffer.alloc(0);
  if (zip64) {
    extra.writeUInt16LE(1, 0);
    extra.writeUInt16LE(16, 2);
    extra.writeBigUInt64LE(BigInt(size), 4);
    extra.writeBigUInt64LE(BigInt(size), 12);
  }
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(45, 4);
  h.writeUInt16LE(zip64 ? 45 : 20, 6);
  h.writeUInt32LE(zip64 ? 0xffffffff : size, 20);
  h.writeUInt32LE(zip64 ? 0xffffffff : size, 24);
  h.writeUInt16LE(n.length, 28);
  h.writeUInt16LE(extra.length, 30);
  h.writeUInt32LE(offset, 42);
  return Buffer.concat([h, n, extra]);
}

function write(file: string): void {
  const fd = openSync(file, 'w');
  let pos = 0;
  const put = (b: Buffer) => {
    writeSync(fd, b, 0, b.length, pos);
    pos += b.length;
  };
  const l1 = lfh('archive/data.pkl', DATA_PKL.length, false);
  put(l1);
  put(DATA_PKL);
  const off2 = pos;
  put(lfh('archive/version', 2, false));
  put(Buffer.from('3\n'));
  const off3 = pos;
  put(lfh('archive/data/0', TENSOR, true));
  pos += TENSOR; // sparse: never written
  const cdStart = pos;
  put(Buffer.concat([cdh('archive/data.pkl', DATA_PKL.length, 0, false), cdh('archive/version', 2, off2, false), cdh('archive/data/0', TENSOR, off3, true)]));
  const cdSize = pos - cdStart;
  const z64 = Buffer.alloc(56);
  z64.writeUInt32LE(0x06064b50, 0);
  z64.writeBigUInt64LE(44n, 4);
  z64.writeUInt16LE(45, 12);
  z64.writeUInt16LE(45, 14);
  z64.writeBigUInt64LE(3n, 24);
  z64.writeBigUInt64LE(3n, 32);
  z64.writeBigUInt64LE(BigInt(cdSize), 40);
  z64.writeBigUInt64LE(BigInt(cdStart), 48);
  const z64pos = pos;
  put(z64);
  const loc = Buffer.alloc(20);
  loc.writeUInt32LE(0x07064b50, 0);
  loc.writeBigUInt64LE(BigInt(z64pos), 8);
  loc.writeUInt32LE(1, 16);
  put(loc);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(0xffff, 8);
  eocd.writeUInt16LE(0xffff, 10);
  eocd.writeUInt32LE(0xffffffff, 12);
  eocd.writeUInt32LE(0xffffffff, 16);
  put(eocd);
  ftruncateSync(fd, pos);
  closeSync(fd);
}

const c: BenchCase = {
  name: 'model: 10 GiB PyTorch zip (sparse)',
  scanner: 'model',
  async setup(dir) {
    const file = join(dir, 'big_checkpoint.pt');
    if (!existsSync(file)) write(file);
    return { paths: ['big_checkpoint.pt'], bytes: statSync(file).size, files: 1 };
  },
};
export default c;
