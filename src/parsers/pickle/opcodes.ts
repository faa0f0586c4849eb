// Every opcode of pickle protocols 0-5, as data (CPython Lib/pickletools.py is the reference for
// names, argument encodings and the protocol that introduced each). The disassembler and the
// symbolic machine read arguments by `arg` kind; nothing here knows about safety.

/** How an opcode's inline argument is encoded in the stream. */
export enum Arg {
  None = 0,
  U1, // 1-byte unsigned
  U2, // 2-byte little-endian unsigned
  I4, // 4-byte little-endian signed
  U4, // 4-byte little-endian unsigned
  U8, // 8-byte little-endian unsigned (FRAME)
  F8, // 8-byte big-endian IEEE double (BINFLOAT)
  Line, // text up to '\n' (INT, LONG, FLOAT, STRING, UNICODE, GET, PUT, PERSID)
  TwoLines, // "module\nname\n" (GLOBAL, INST)
  Bytes1, // u1 length + bytes
  Bytes4, // u4 length + bytes (BINBYTES, BINUNICODE)
  Bytes4Signed, // i4 length + bytes (BINSTRING: a negative length is an error)
  Bytes8, // u8 length + bytes
  Long1, // u1 length + little-endian two's complement integer
  Long4, // i4 length + little-endian two's complement integer
}

export interface OpInfo {
  code: number;
  name: string;
  arg: Arg;
  proto: number;
}

const T: Array<[string, number, Arg, number]> = [
  ['MARK', 0x28, Arg.None, 0],
  ['STOP', 0x2e, Arg.None, 0],
  ['POP', 0x30, Arg.None, 0],
  ['POP_MARK', 0x31, Arg.None, 1],
  ['DUP', 0x32, Arg.None, 0],
  ['FLOAT', 0x46, Arg.Line, 0],
  ['INT', 0x49, Arg.Line, 0],
  ['BININT', 0x4a, Arg.I4, 1],
  ['BININT1', 0x4b, Arg.U1, 1],
  ['LONG', 0x4c, Arg.Line, 0],
  ['BININT2', 0x4d, Arg.U2, 1],
  ['NONE', 0x4e, Arg.None, 0],
  ['PERSID', 0x50, Arg.Line, 0],
  ['BINPERSID', 0x51, Arg.None, 1],
  ['REDUCE', 0x52, Arg.None, 0],
  ['STRING', 0x53, Arg.Line, 0],
  ['BINSTRING', 0x54, Arg.Bytes4Signed, 1],
  ['SHORT_BINSTRING', 0x55, Arg.Bytes1, 1],
  ['UNICODE', 0x56, Arg.Line, 0],
  ['BINUNICODE', 0x58, Arg.Bytes4, 1],
  ['APPEND', 0x61, Arg.None, 0],
  ['BUILD', 0x62, Arg.None, 0],
  ['GLOBAL', 0x63, Arg.TwoLines, 0],
  ['DICT', 0x64, Arg.None, 0],
  ['EMPTY_DICT', 0x7d, Arg.None, 1],
  ['APPENDS', 0x65, Arg.None, 1],
  ['GET', 0x67, Arg.Line, 0],
  ['BINGET', 0x68, Arg.U1, 1],
  ['INST', 0x69, Arg.TwoLines, 0],
  ['LONG_BINGET', 0x6a, Arg.U4, 1],
  ['LIST', 0x6c, Arg.None, 0],
  ['EMPTY_LIST', 0x5d, Arg.None, 1],
  ['OBJ', 0x6f, Arg.None, 1],
  ['PUT', 0x70, Arg.Line, 0],
  ['BINPUT', 0x71, Arg.U1, 1],
  ['LONG_BINPUT', 0x72, Arg.U4, 1],
  ['SETITEM', 0x73, Arg.None, 0],
  ['TUPLE', 0x74, Arg.None, 0],
  ['EMPTY_TUPLE', 0x29, Arg.None, 1],
  ['SETITEMS', 0x75, Arg.None, 1],
  ['BINFLOAT', 0x47, Arg.F8, 1],
  ['PROTO', 0x80, Arg.U1, 2],
  ['NEWOBJ', 0x81, Arg.None, 2],
  ['EXT1', 0x82, Arg.U1, 2],
  ['EXT2', 0x83, Arg.U2, 2],
  ['EXT4', 0x84, Arg.I4, 2],
  ['TUPLE1', 0x85, Arg.None, 2],
  ['TUPLE2', 0x86, Arg.None, 2],
  ['TUPLE3', 0x87, Arg.None, 2],
  ['NEWTRUE', 0x88, Arg.None, 2],
  ['NEWFALSE', 0x89, Arg.None, 2],
  ['LONG1', 0x8a, Arg.Long1, 2],
  ['LONG4', 0x8b, Arg.Long4, 2],
  ['BINBYTES', 0x42, Arg.Bytes4, 3],
  ['SHORT_BINBYTES', 0x43, Arg.Bytes1, 3],
  ['SHORT_BINUNICODE', 0x8c, Arg.Bytes1, 4],
  ['BINUNICODE8', 0x8d, Arg.Bytes8, 4],
  ['BINBYTES8', 0x8e, Arg.Bytes8, 4],
  ['EMPTY_SET', 0x8f, Arg.None, 4],
  ['ADDITEMS', 0x90, Arg.None, 4],
  ['FROZENSET', 0x91, Arg.None, 4],
  ['NEWOBJ_EX', 0x92, Arg.None, 4],
  ['STACK_GLOBAL', 0x93, Arg.None, 4],
  ['MEMOIZE', 0x94, Arg.None, 4],
  ['FRAME', 0x95, Arg.U8, 4],
  ['BYTEARRAY8', 0x96, Arg.Bytes8, 5],
  ['NEXT_BUFFER', 0x97, Arg.None, 5],
  ['READONLY_BUFFER', 0x98, Arg.None, 5],
];

/** Indexed by opcode byte; undefined for bytes that are not opcodes. */
export const OPCODES: ReadonlyArray<OpInfo | undefined> = (() => {
  const table: Array<OpInfo | undefined> = new Array(256).fill(undefined);
  for (const [name, code, arg, proto] of T) table[code] = { code, name, arg, proto };
  return table;
})();

/** Opcode byte -> name, for messages. */
export function opName(code: number): string {
  return OPCODES[code]?.name ?? `0x${code.toString(16).padStart(2, '0')}`;
}

export const HIGHEST_PROTOCOL = 5;
export const OPCODE_COUNT = T.length;
