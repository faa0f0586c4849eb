// A plain disassembler (pickletools.genops without the Python): one record per opcode with its
// decoded inline argument. Used for evidence, debugging and tests; the symbolic machine decodes
// inline itself for speed. Bounded: stops at STOP, at the end of the buffer, or at `maxOps`.
import { Arg, OPCODES } from './opcodes.js';

export interface Op {
  offset: number;
  code: number;
  name: string;
  arg?: string | number;
}

export interface Disassembly {
  ops: Op[];
  /** Why it stopped early, if it did (invalid opcode, truncated argument). */
  error?: string;
  end: number;
}

export function disassemble(buf: Buffer, start = 0, maxOps = 100_000): Disassembly {
  const ops: Op[] = [];
  let pos = start;
  while (pos < buf.length && ops.length < maxOps) {
    const offset = pos;
    const info = OPCODES[buf[pos++]];
    if (!info) return { ops, error: `invalid opcode 0x${buf[offset].toString(16)} at ${offset}`, end: offset };
    const op: Op = { offset, code: info.code, name: info.name };
    const need = (n: number) => {
      if (pos + n > buf.length) throw new RangeError(`${info.name} at ${offset}: argument runs past the end`);
    };
    try {
      switch (info.arg) {
        case Arg.None:
          break;
        case Arg.U1:
          need(1);
          op.arg = buf[pos++];
          break;
        case Arg.U2:
          need(2);
          op.arg = buf.readUInt16LE(pos);
          pos += 2;
          break;
        case Arg.I4:
          need(4);
          op.arg = buf.readInt32LE(pos);
          pos += 4;
          break;
        case Arg.U4:
          need(4);
          op.arg = buf.readUInt32LE(pos);
          pos += 4;
          break;
        case Arg.U8:
          need(8);
          op.arg = Number(buf.readBigUInt64LE(pos));
          pos += 8;
          break;
        case Arg.F8:
          need(8);
          op.arg = buf.readDoubleBE(pos);
          pos += 8;
          break;
        case Arg.Line:
        case Arg.TwoLines: {
          const lines = info.arg === Arg.Line ? 1 : 2;
          const parts: string[] = [];
          for (let i = 0; i < lines; i++) {
            const nl = buf.indexOf(10, pos);
            if (nl < 0) throw new RangeError(`${info.name} at ${offset}: no newline`);
            parts.push(buf.toString('latin1', pos, nl));
            pos = nl + 1;
          }
          op.arg = parts.join(' ');
          break;
        }
        case Arg.Bytes1:
        case Arg.Long1: {
          need(1);
          const n = buf[pos++];
          need(n);
          op.arg = info.arg === Arg.Long1 ? `0x${Buffer.from(buf.subarray(pos, pos + n)).reverse().toString('hex')}` : buf.toString('latin1', pos, pos + n);
          pos += n;
          break;
        }
        case Arg.Bytes4:
        case Arg.Bytes4Signed:
        case Arg.Long4: {
          need(4);
          const n = info.arg === Arg.Bytes4 ? buf.readUInt32LE(pos) : buf.readInt32LE(pos);
          pos += 4;
          if (n < 0) throw new RangeError(`${info.name} at ${offset}: negative length`);
          need(n);
          op.arg = n <= 256 ? buf.toString('latin1', pos, pos + n) : `<${n} bytes>`;
          pos += n;
          break;
        }
        case Arg.Bytes8: {
          need(8);
          const n = Number(buf.readBigUInt64LE(pos));
          pos += 8;
          need(n);
          op.arg = n <= 256 ? buf.toString('latin1', pos, pos + n) : `<${n} bytes>`;
          pos += n;
          break;
        }
      }
    } catch (e) {
      return { ops, error: (e as Error).message, end: offset };
    }
    ops.push(op);
    if (info.code === 0x2e) break;
  }
  return { ops, end: pos };
}
