// 7z coder (method) ids: which ones mlwarden decodes, and names for the ones it does not, so a
// coverage finding can say what was in the way ("7zAES", "PPMd", "BCJ2").
export type CoderKind = 'copy' | 'lzma' | 'lzma2' | 'deflate' | 'bzip2' | 'bcj-x86' | 'bcj-arm' | 'bcj-armthumb' | 'bcj-powerpc' | 'bcj-sparc' | 'delta';

const SUPPORTED: Record<string, CoderKind> = {
  '00': 'copy',
  '030101': 'lzma',
  '21': 'lzma2',
  '040108': 'deflate',
  '040202': 'bzip2',
  '03030103': 'bcj-x86',
  '03030501': 'bcj-arm',
  '03030701': 'bcj-armthumb',
  '03030205': 'bcj-powerpc',
  '03030805': 'bcj-sparc',
  '03': 'delta',
};

const NAMES: Record<string, string> = {
  '00': 'Copy',
  '030101': 'LZMA',
  '21': 'LZMA2',
  '040108': 'Deflate',
  '040109': 'Deflate64',
  '040202': 'BZip2',
  '03030103': 'BCJ',
  '0303011b': 'BCJ2',
  '03': 'Delta',
  '030401': 'PPMd',
  '06f10701': '7zAES',
  '03030205': 'PPC',
  '03030401': 'IA64',
  '03030501': 'ARM',
  '03030701': 'ARMT',
  '03030805': 'SPARC',
  '0a': 'ARM64',
  '0b': 'RISCV',
  '04f71101': 'ZSTD',
  '04f71102': 'Brotli',
  '04f71104': 'LZ4',
  '04f71105': 'LZ5',
  '04f71106': 'Lizard',
};

export function coderKind(id: string): CoderKind | undefined {
  return SUPPORTED[id];
}

export function coderName(id: string): string {
  return NAMES[id] ?? `method 0x${id || '?'}`;
}

export const AES_ID = '06f10701';
