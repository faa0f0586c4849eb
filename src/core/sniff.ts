// Type detection from the first bytes, never from the name alone: a checkpoint renamed to .txt is
// still a pickle, and a "model.bin" may be a zip. Parsers combine this with the name when a format
// has no magic (ONNX protobuf, protocol-0 pickles).
import type { FileType } from './types.js';

export const SNIFF_BYTES = 8192;

const MAGIC: Array<[string, number[], number?]> = [
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['zip', [0x50, 0x4b, 0x05, 0x06]],
  ['zip', [0x50, 0x4b, 0x07, 0x08]],
  ['gzip', [0x1f, 0x8b]],
  ['bzip2', [0x42, 0x5a, 0x68]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['npy', [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]],
  ['hdf5', [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['gguf', [0x47, 0x47, 0x55, 0x46]],
  ['elf', [0x7f, 0x45, 0x4c, 0x46]],
  ['png', [0x89, 0x50, 0x4e, 0x47]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
];

function startsWith(head: Buffer, bytes: number[], at = 0): boolean {
  if (head.length < at + bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (head[at + i] !== bytes[i]) return false;
  return true;
}

/** POSIX ustar magic, or a v7 header whose checksum adds up. */
export function looksLikeTar(head: Buffer): boolean {
  if (head.length < 512) return false;
  if (head.toString('latin1', 257, 262) === 'ustar') return true;
  const stored = parseInt(head.toString('latin1', 148, 156).replace(/\0.*$/s, '').trim(), 8);
  if (!Number.isFinite(stored) || head[0] === 0) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : head[i];
  return sum === stored;
}

/** safetensors: u64 little-endian header length, then a JSON object. */
function looksLikeSafetensors(head: Buffer): boolean {
  if (head.length < 10) return false;
  const len = head.readBigUInt64LE(0);
  return len > 1n && len < 100_000_000n && head[8] === 0x7b /* { */;
}

/** Protocol 2+ pickles start with PROTO; protocol 0/1 have no magic and are left to parsers. */
function looksLikePickle(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x80 && head[1] >= 2 && head[1] <= 5;
}

function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return true;
  let control = 0;
  const n = Math.min(head.length, SNIFF_BYTES);
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) return false;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (control / n > 0.02) return false;
  // Valid UTF-8 except possibly a sequence cut at the end of the window.
  const decoded = head.subarray(0, n).toString('utf8');
  const bad = (decoded.match(/\uFFFD/g) ?? []).length;
  return bad <= 2;
}

export function sniff(head: Buffer): FileType {
  if (head.length === 0) return { kind: 'empty', text: true };
  for (const [kind, bytes, at] of MAGIC) if (startsWith(head, bytes, at ?? 0)) return { kind, text: false };
  if (looksLikeTar(head)) return { kind: 'tar', text: false };
  if (looksLikePickle(head)) return { kind: 'pickle', text: false };
  if (looksLikeSafetensors(head)) return { kind: 'safetensors', text: false };
  if (looksLikeText(head)) return { kind: 'text', text: true };
  return { kind: 'binary', text: false };
}
