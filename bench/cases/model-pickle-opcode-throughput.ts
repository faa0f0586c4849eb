// Pickle analysis speed on one core: a 64 MiB protocol-4 stream shaped like real checkpoints
// (dicts of tensors rebuilt by REDUCE on memoised globals, persistent ids, tuples, ints, strings).
import { closeSync, existsSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchCase } from '../harness.js';
import { measureMachine } from '../pickle-machine.js';

const TARGET = 64 * 1024 * 1024;

/** Writes a checkpoint-shaped pickle of about `target` bytes to `file`, in chunks (constant memory). */
export function writeCheckpointPickle(file: string, target: number): void {
  const fd = openSync(`${file}.tmp`, 'w');
  let parts: Buffer[] = [];
  let pending = 0;
  const flush = () => {
    writeSync(fd, Buffer.concat(parts));
    parts = [];
    pending = 0;
  };
  const head = Buffer.from('\x80\x04\x95\x00\x00\x00\x00\x00\x00\x00\x00ccollections\nOrderedDict\nq\x00)Rq\x01(ctorch._utils\n_rebuild_tensor_v2\nq\x02ctorch\nFloatStorage\nq\x03', 'latin1');
  parts.push(head);
  let size = head.length;
  let memo = 4;
  for (let i = 0; size < target; i++) {
    const key = `layer${i}.weight`;
    const item = Buffer.concat([
      Buffer.from([0x8c, key.length]), Buffer.from(key), // key
      Buffer.from([0x68, 0x02]), // BINGET rebuild
      Buffer.from([0x28]), // MARK
      Buffer.from([0x28, 0x8c, 7]), Buffer.from('storage'), Buffer.from([0x68, 0x03, 0x8c, String(i).length]), Buffer.from(String(i)),
      Buffer.from([0x8c, 3]), Buffer.from('cpu'), Buffer.from([0x4d, 0x00, 0x10, 0x74, 0x51]), // ('storage', FloatStorage, key, 'cpu', 4096) BINPERSID
      Buffer.from([0x4b, 0x00, 0x4b, 0x40, 0x4b, 0x40, 0x86, 0x4b, 0x40, 0x4b, 0x01, 0x86, 0x89]), // offset, size, stride, requires_grad
      Buffer.from('ccollections\nOrderedDict\n', 'latin1'), Buffer.from([0x29, 0x52]), // backward hooks
      Buffer.from([0x74, 0x52]), // TUPLE REDUCE
      Buffer.from([0x72]), Buffer.alloc(4), // LONG_BINPUT
    ]);
    item.writeUInt32LE(memo++, item.length - 4);
    parts.push(item);
    size += item.length;
    pending += item.length;
    if (pending >= 1 << 20) flush();
  }
  parts.push(Buffer.from('u.', 'latin1'));
  flush();
  closeSync(fd);
  renameSync(`${file}.tmp`, file);
}

const c: BenchCase = {
  name: 'model: pickle opcode stream 64 MiB',
  scanner: 'model',
  ownRates: true,
  async setup(dir) {
    const file = join(dir, 'big.pkl');
    if (!existsSync(file)) writeCheckpointPickle(file, TARGET);
    const bytes = statSync(file).size; // not readFileSync: a second 64 MiB buffer would show in peak RSS
    return { paths: ['big.pkl'], bytes, files: 1 };
  },
  async run(_input, dir) {
    const buf = readFileSync(join(dir, 'big.pkl'));
    const m = measureMachine(buf);
    const s = m.stream;
    return { firstMiBps: m.firstMiBps, firstCpuMiBps: m.firstCpuMiBps, steadyCpuMiBps: m.steadyCpuMiBps, bestCpuMiBps: m.bestCpuMiBps, ops: s.ops, calls: s.imports.reduce((n, i) => n + i.calls, 0) };
  },
};
export default c;
