// A model zoo folder: 500 small safetensors and 500 small ONNX files (files/s of the model scanners).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchCase } from '../harness.js';

function safetensors(i: number): Buffer {
  const n = 64 + (i % 64);
  const header = { __metadata__: { format: 'pt' }, weight: { dtype: 'F32', shape: [n], data_offsets: [0, n * 4] }, bias: { dtype: 'F32', shape: [4], data_offsets: [n * 4, n * 4 + 16] } };
  let text = JSON.stringify(header);
  text += ' '.repeat((8 - (text.length % 8)) % 8);
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(text.length));
  return Buffer.concat([len, Buffer.from(text), Buffer.alloc(n * 4 + 16)]);
}

// A tiny ONNX ModelProto, hand-encoded: ir_version, opset, a graph with a few nodes and an initializer.
function varint(n: number): Buffer {
  const o: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    o.push(b);
  } while (n);
  return Buffer.from(o);
}
const fld = (num: number, payload: Buffer) => Buffer.concat([varint((num << 3) | 2), varint(payload.length), payload]);
const fvar = (num: number, v: number) => Buffer.concat([varint(num << 3), varint(v)]);
const s = (x: string) => Buffer.from(x);
function onnx(i: number): Buffer {
  const nodes = Array.from({ length: 20 }, (_, k) => fld(1, Buffer.concat([fld(1, s(`t${k}`)), fld(2, s(`t${k + 1}`)), fld(4, s(k % 2 ? 'Relu' : 'Add'))])));
  const init = fld(5, Buffer.concat([fvar(1, 64), fvar(2, 1), fld(8, s('W')), fld(9, Buffer.alloc(256 + (i % 32)))]));
  const graph = Buffer.concat([...nodes, fld(2, s('g')), init]);
  return Buffer.concat([fvar(1, 8), fld(2, s('bench')), fld(7, graph), fld(8, Buffer.concat([fld(1, s('')), fvar(2, 17)]))]);
}

const FILES = 1000;
const c: BenchCase = {
  name: 'model: 1000 small safetensors/onnx',
  scanner: 'model',
  async setup(dir) {
    const root = join(dir, 'zoo');
    let bytes = 0;
    const need = !existsSync(root);
    for (let i = 0; i < FILES; i++) {
      const d = join(root, `m${i % 20}`);
      const b = i % 2 ? onnx(i) : safetensors(i);
      bytes += b.length;
      if (need) {
        mkdirSync(d, { recursive: true });
        writeFileSync(join(d, i % 2 ? `model${i}.onnx` : `model${i}.safetensors`), b);
      }
    }
    return { paths: ['zoo'], bytes, files: FILES };
  },
};
export default c;
