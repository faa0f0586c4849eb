import { basename, resolve } from 'node:path';
import { walk, displayPath, type WalkOptions } from './walk.js';
import type { Entry, Target, TargetItem } from '../../core/types.js';
import { FileSource, MemorySource } from '../../io/sources.js';
import { isOciDirectory, ociDirectoryFiles } from '../image/oci-directory.js';

/** A file or directory tree on disk; a directory holding an OCI image layout is read as an image. */
export function fsTarget(root: string, opts: WalkOptions): Target {
  return {
    label: root,
    async *entries(): AsyncIterable<TargetItem> {
      const abs = resolve(opts.cwd ?? process.cwd(), root);
      if (isOciDirectory(abs)) {
        const { files, close } = ociDirectoryFiles(abs);
        const display = displayPath(abs, opts.cwd ?? process.cwd());
        const source = Object.assign(new MemorySource(Buffer.alloc(0)), { close });
        yield { kind: 'entry', entry: { kind: 'file', path: display, name: 'oci-layout', size: 0, source, depth: 0, type: { kind: 'oci-dir', text: false }, facts: { files } } };
        return;
      }
      for await (const item of walk(root, opts)) {
        if (item.kind === 'file') yield { kind: 'entry', entry: fileEntry(item.abs, item.display, item.size) };
        else if (item.kind === 'error') yield { kind: 'error', path: item.display, message: item.message };
        else if (item.kind === 'gitignored') yield { kind: 'skipped', path: item.display, reason: 'gitignore' };
        else yield { kind: 'skipped', path: item.display, reason: item.reason };
      }
    },
  };
}

/** An Entry for a file on disk, typed later by the engine's sniffing. */
export function fileEntry(abs: string, display: string, size: number): Entry {
  return { kind: 'file', path: display, name: basename(abs), size, source: new FileSource(abs, size), depth: 0, type: { kind: 'unknown', text: false } };
}
