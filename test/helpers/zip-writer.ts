// A minimal zip writer for hostile-input tests: it can write what real tools refuse to (shared data
// offsets, lying sizes, traversal names), which is the point.
import { deflateRawSync } from 'node:zlib';
import { crc32 } from '../../src/io/crc32.js';

export { crc32 };

export interface ZipInput {
  name: string;
  data: Buffer | string;
  deflate?: boolean;
  /** Lie about the uncompressed size in both headers. */
  declaredSize?: number;
}

export function buildZip(entries: ZipInput[], opts: { shareDataWith?: number } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const offsets: number[] = [];
  let sharedBody: { body: Buffer; crc: number; size: number } | undefined;
  entries.forEach((e, i) => {
    const shared = opts.shareDataWith !== undefined && i > opts.shareDataWith;
    const data = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data);
    // Shared members reuse the first member's compressed bytes: deflate once, not per member.
    const { body, crc, size } = shared && sharedBody ? sharedBody : { body: e.deflate ? deflateRawSync(data) : data, crc: crc32(data), size: data.length };
    if (i === opts.shareDataWith) sharedBody = { body, crc, size };
    const name = Buffer.from(e.name);
    const usize = e.declaredSize ?? size;
    const method = e.deflate ? 8 : 0;
    let localOffset = offset;
    if (shared) localOffset = offsets[opts.shareDataWith!];
    else {
      const lh = Buffer.alloc(30);
      lh.writeUInt32LE(0x04034b50, 0);
      lh.writeUInt16LE(20, 4);
      lh.writeUInt16LE(method, 8);
      lh.writeUInt32LE(crc, 14);
      lh.writeUInt32LE(body.length, 18);
      lh.writeUInt32LE(Math.min(usize, 0xffffffff), 22);
      lh.writeUInt16LE(name.length, 26);
      locals.push(lh, name, body);
      offset += 30 + name.length + body.length;
    }
    offsets.push(localOffset);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(method, 10);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(body.length, 20);
    ch.writeUInt32LE(Math.min(usize, 0xffffffff), 24);
    ch.writeUInt16LE(shared ? Buffer.from(entries[opts.shareDataWith!].name).length : name.length, 28);
    ch.writeUInt32LE(localOffset, 42);
    // Shared entries must carry the same name as the local header they point at.
    centrals.push(ch, shared ? Buffer.from(entries[opts.shareDataWith!].name) : name);
  });
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A ustar archive; `link` entries become symlinks. */
export function buildTar(entries: Array<{ name: string; data?: Buffer | string; link?: string }>): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const data = e.data === undefined ? Buffer.alloc(0) : Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data);
    const h = Buffer.alloc(512);
    h.write(e.name, 0, 100, 'utf8');
    h.write('0000644\0', 100);
    h.write('0000000\0', 108);
    h.write('0000000\0', 116);
    h.write(`${(e.link ? 0 : data.length).toString(8).padStart(11, '0')}\0`, 124);
    h.write('00000000000\0', 136);
    h.write(e.link ? '2' : '0', 156);
    if (e.link) h.write(e.link, 157, 100, 'utf8');
    h.write('ustar\0', 257);
    h.write('00', 263);
    h.fill(32, 148, 156);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += h[i];
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(h);
    if (!e.link) {
      blocks.push(data);
      if (data.length % 512) blocks.push(Buffer.alloc(512 - (data.length % 512)));
    }
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/** name -> content, every member deflated (or all stored). */
export function makeZip(files: Record<string, string | Buffer>, deflate = true): Buffer {
  return buildZip(Object.entries(files).map(([name, data]) => ({ name, data, deflate })));
}
