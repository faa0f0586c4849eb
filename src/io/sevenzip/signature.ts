// The 7z signature header: 6-byte magic, format version, then the "start header" (where the real
// header lives, how long it is, and its CRC) protected by its own CRC. Everything after it is
// located from these numbers, so both CRCs are verified; a mismatch is reported, never fatal by
// itself (the header CRC then tells whether the numbers can be trusted).
import { crc32 } from '../crc32.js';
import { ParseError } from '../../core/errors.js';
import type { ByteSource } from '../../core/types.js';

export const SIGNATURE = Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]);
export const SIGNATURE_HEADER_SIZE = 32;

export interface StartHeader {
  major: number;
  minor: number;
  /** Absolute offset of the next header in the file. */
  nextHeaderOffset: number;
  nextHeaderSize: number;
  nextHeaderCrc: number;
  startHeaderCrcOk: boolean;
}

function u64(b: Buffer, at: number, what: string, label: string): number {
  const v = b.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ParseError(`${label}: 7z ${what} ${v} is out of range`);
  return Number(v);
}

export async function readStartHeader(src: ByteSource, label: string): Promise<StartHeader> {
  const b = await src.read(0, SIGNATURE_HEADER_SIZE);
  if (b.length < SIGNATURE_HEADER_SIZE) throw new ParseError(`${label}: truncated 7z signature header`);
  if (!b.subarray(0, 6).equals(SIGNATURE)) throw new ParseError(`${label}: not a 7z archive`);
  const major = b[6];
  if (major !== 0) throw new ParseError(`${label}: unsupported 7z format version ${major}.${b[7]}`);
  const startHeaderCrcOk = crc32(b.subarray(12, 32)) === b.readUInt32LE(8);
  const rel = u64(b, 12, 'next header offset', label);
  return {
    major,
    minor: b[7],
    nextHeaderOffset: SIGNATURE_HEADER_SIZE + rel,
    nextHeaderSize: u64(b, 20, 'next header size', label),
    nextHeaderCrc: b.readUInt32LE(28),
    startHeaderCrcOk,
  };
}
