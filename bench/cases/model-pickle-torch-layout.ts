// Pickle analysis speed on one core, on the byte layout torch.save really writes (protocol 2, the
// torch default): every string, tuple and call result memoised with BINPUT/LONG_BINPUT, repeated
// names and globals fetched back with BINGET, one persistent id per tensor (see the disassembly of
// test/fixtures/model-pickle/benign/training_checkpoint.ckpt). The other opcode case keeps its
// unmemoised protocol-4 shape; this one weighs the memo the way real checkpoints do.
import { closeSync, existsSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchCase } from '../harness.js';
import { measureMachine } from '../pickle-machine.js';

const TARGET = 64 * 1024 * 1024;
const PARAMS = ['self_attn.q_proj.weight', 'self_attn.k_proj.weight', 'self_attn.v_proj.weight', 'self_attn.o_proj.weight', 'mlp.up_proj.weight', 'mlp.down_proj.weight', 'input_layernorm.weight'];

/** Writes a torch.save-shaped (protocol 2) state dict pickle of about `target` bytes, in chunks. */
export function writeTorchLayoutPickle(file: string, target: number): void {
  const fd = openSync(`${file}.tmp`, 'w');
  let parts: Buffer[] = [];
  let pending = 0;
  let size = 0;
  const emit = (b: Buffer) => {
    parts.push(b);
    size += b.length;
    pending += b.length;
  };
  const op = (...bytes: number[]) => emit(Buffer.from(bytes));
  let memo = 0;
  // Python's Pickler.put: BINPUT below 256, LONG_BINPUT above.
  const put = (): number => {
    const i = memo++;
    if (i < 256) op(0x71, i);
    else {
      const b = Buffer.alloc(5);
      b[0] = 0x72;
      b.writeUInt32LE(i, 1);
      emit(b);
    }
    return i;
  };
  const get = (i: number) => {
    if (i < 256) op(0x68, i);
    else {
      const b = Buffer.alloc(5);
      b[0] = 0x6a;
      b.writeUInt32LE(i, 1);
      emit(b);
    }
  };
  const unicode = (s: string) => {
    const b = Buffer.from(s, 'utf8');
    const h = Buffer.alloc(5);
    h[0] = 0x58; // BINUNICODE
    h.writeUInt32LE(b.length, 1);
    emit(h);
    emit(b);
  };
  const global = (module: string, name: string) => emit(Buffer.from(`c${module}\n${name}\n`, 'latin1'));
  const int = (n: number) => (n < 256 ? op(0x4b, n) : n < 65536 ? op(0x4d, n & 0xff, n >> 8) : op(0x4a, n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24));

  op(0x80, 2, 0x7d); // PROTO 2, EMPTY_DICT
  put();
  global('collections', 'OrderedDict');
  const orderedDict = put();
  op(0x29, 0x52); // EMPTY_TUPLE REDUCE
  put();
  op(0x28); // MARK: one SETITEMS for the whole state dict, as torch writes it
  let rebuild = -1;
  let storageStr = -1;
  let floatStorage = -1;
  let cpu = -1;
  for (let i = 0; size < target; i++) {
    unicode(`model.layers.${Math.floor(i / PARAMS.length)}.${PARAMS[i % PARAMS.length]}`);
    put();
    if (rebuild < 0) {
      global('torch._utils', '_rebuild_tensor_v2');
      rebuild = put();
    } else get(rebuild);
    op(0x28, 0x28); // MARK MARK
    if (storageStr < 0) {
      unicode('storage');
      storageStr = put();
      global('torch', 'FloatStorage');
      floatStorage = put();
    } else {
      get(storageStr);
      get(floatStorage);
    }
    unicode(String(i));
    put();
    if (cpu < 0) {
      unicode('cpu');
      cpu = put();
    } else get(cpu);
    int(4096 * 1024);
    op(0x74); // TUPLE
    put();
    op(0x51); // BINPERSID
    int(0);
    int(2048);
    int(2048);
    op(0x86); // TUPLE2 (shape)
    put();
    int(2048);
    int(1);
    op(0x86); // TUPLE2 (stride)
    put();
    op(0x89); // NEWFALSE
    get(orderedDict);
    op(0x29, 0x52); // EMPTY_TUPLE REDUCE (backward hooks)
    put();
    op(0x74); // TUPLE
    put();
    op(0x52); // REDUCE
    put();
    if (pending >= 1 << 20) {
      writeSync(fd, Buffer.concat(parts));
      parts = [];
      pending = 0;
    }
  }
  op(0x75, 0x2e); // SETITEMS STOP
  writeSync(fd, Buffer.concat(parts));
  closeSync(fd);
  renameSync(`${file}.tmp`, file);
}

const c: BenchCase = {
  name: 'model: pickle opcode stream 64 MiB, torch.save layout',
  scanner: 'model',
  ownRates: true,
  async setup(dir) {
    const file = join(dir, 'torch.pkl');
    if (!existsSync(file)) writeTorchLayoutPickle(file, TARGET);
    return { paths: ['torch.pkl'], bytes: statSync(file).size, files: 1 };
  },
  async run(_input, dir) {
    const buf = readFileSync(join(dir, 'torch.pkl'));
    const m = measureMachine(buf);
    const s = m.stream;
    const unexpected = s.imports.filter((i) => !['collections.OrderedDict', 'torch._utils._rebuild_tensor_v2', 'torch.FloatStorage'].includes(i.qual));
    if (unexpected.length) throw new Error(`bench pickle imports ${unexpected.map((i) => i.qual).join(', ')}`);
    return { firstMiBps: m.firstMiBps, firstCpuMiBps: m.firstCpuMiBps, steadyCpuMiBps: m.steadyCpuMiBps, bestCpuMiBps: m.bestCpuMiBps, ops: s.ops, tensors: s.persistentIds };
  },
};
export default c;
