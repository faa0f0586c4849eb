// A GGUF file with LLM-sized metadata: a 256k-token vocabulary (strings, scores, types), merges and a
// chat template; the tensor data section is sparse. Measures the metadata walk.
import { closeSync, existsSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchCase } from '../harness.js';

const TOKENS = 256_000;

function gs(s: string): Buffer {
  const b = Buffer.from(s);
  const h = Buffer.alloc(8);
  h.writeBigUInt64LE(BigInt(b.length));
  return Buffer.concat([h, b]);
}
function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}
function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
}

const c: BenchCase = {
  name: 'model: GGUF 256k-token metadata',
  scanner: 'model',
  async setup(dir) {
    const file = join(dir, 'model.gguf');
    let size = 0;
    if (!existsSync(file)) {
      const parts: Buffer[] = [];
      const tokens = Array.from({ length: TOKENS }, (_, i) => gs(`tok_${i}`));
      const merges = Array.from({ length: TOKENS }, (_, i) => gs(`t${i} k${i}`));
      const kvs = [
        Buffer.concat([gs('general.architecture'), u32(8), gs('llama')]),
        Buffer.concat([gs('tokenizer.ggml.tokens'), u32(9), u32(8), u64(TOKENS), ...tokens]),
        Buffer.concat([gs('tokenizer.ggml.scores'), u32(9), u32(6), u64(TOKENS), Buffer.alloc(4 * TOKENS)]),
        Buffer.concat([gs('tokenizer.ggml.token_type'), u32(9), u32(5), u64(TOKENS), Buffer.alloc(4 * TOKENS)]),
        Buffer.concat([gs('tokenizer.ggml.merges'), u32(9), u32(8), u64(TOKENS), ...merges]),
        Buffer.concat([gs('tokenizer.chat_template'), u32(8), gs("{% for m in messages %}{{ '<|' + m['role'] + '|>' + m['content'] }}{% endfor %}")]),
      ];
      const tensorBytes = 4096 * 4096 * 2;
      const tensors = Array.from({ length: 300 }, (_, i) => Buffer.concat([gs(`blk.${i}.weight`), u32(2), u64(4096), u64(4096), u32(1), u64(i * tensorBytes)]));
      parts.push(Buffer.from('GGUF'), u32(3), u64(tensors.length), u64(kvs.length), ...kvs, ...tensors);
      let head = Buffer.concat(parts);
      head = Buffer.concat([head, Buffer.alloc((32 - (head.length % 32)) % 32)]);
      const fd = openSync(file, 'w');
      writeSync(fd, head);
      ftruncateSync(fd, head.length + tensors.length * tensorBytes);
      closeSync(fd);
      size = head.length + tensors.length * tensorBytes;
    }
    const { statSync } = await import('node:fs');
    size = statSync(file).size;
    return { paths: ['model.gguf'], bytes: size, files: 1 };
  },
};
export default c;
