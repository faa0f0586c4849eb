// An OCI image layout on disk (what `skopeo copy ... oci:DIR` or `umoci` write). Only blob paths
// that the layout names are opened, and only under the directory: a digest cannot point elsewhere.
import { existsSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { FileSource } from '../../io/sources.js';
import type { ImageFiles } from './expand-image.js';

export function isOciDirectory(dir: string): boolean {
  return existsSync(join(dir, 'oci-layout')) && existsSync(join(dir, 'index.json'));
}

export function ociDirectoryFiles(dir: string): { files: ImageFiles; close(): Promise<void> } {
  const root = resolve(dir);
  const opened: FileSource[] = [];
  const safe = (p: string) => /^(index\.json|oci-layout|blobs\/[a-z0-9]+\/[a-f0-9]{32,128})$/.test(p);
  const files: ImageFiles = {
    has: (p) => safe(p) && existsSync(join(root, p)),
    open: (p) => {
      if (!safe(p)) return undefined;
      const abs = join(root, ...p.split('/'));
      if (!abs.startsWith(root + sep)) return undefined;
      let st;
      try {
        st = statSync(abs);
      } catch {
        return undefined;
      }
      if (!st.isFile()) return undefined;
      const src = new FileSource(abs, st.size);
      opened.push(src);
      return src;
    },
  };
  return { files, close: async () => void (await Promise.all(opened.map((s) => s.close()))) };
}
