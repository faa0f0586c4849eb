import { walk, type WalkOptions } from './fs-walk.js';
import { fileEntry, type Target, type TargetItem } from '../core/engine.js';

/** A file or directory tree on disk. */
export function fsTarget(root: string, opts: WalkOptions): Target {
  return {
    label: root,
    async *entries(): AsyncIterable<TargetItem> {
      for await (const item of walk(root, opts)) {
        if (item.kind === 'file') yield { kind: 'entry', entry: fileEntry(item.abs, item.display, item.size) };
        else if (item.kind === 'error') yield { kind: 'error', path: item.display, message: item.message };
        else yield { kind: 'skipped', path: item.display, reason: item.reason };
      }
    },
  };
}
