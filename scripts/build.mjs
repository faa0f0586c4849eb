#!/usr/bin/env node
// `npm run build`: a fresh dist/ from the TypeScript sources. dist/ is emptied first: tsc never
// deletes the output of a source file that was renamed or removed, and a stale rule module left
// there is still discovered by the registry (a rule "defined twice", or one that no longer exists).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
rmSync(join(root, 'dist'), { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', root], { stdio: 'inherit' });
process.exit(tsc.status ?? 1);
