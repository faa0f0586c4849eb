// Deployable units: the files that are applied together, so that scan-wide joins (an RBAC binding
// resolved to its role, a Service exposing a pod, a namespace's quota and network policies) stay
// inside one. On public repositories, joining every file of a tree made a binding in a Helm chart
// resolve its role from an archived `install/v0.9.0-rc0/` copy, and 125 unrelated samples in
// `default` judged as one cluster (#18).
//
// A unit is the deepest of these around a file, below the scan root: a Helm chart (a folder with
// Chart.yaml), a release copy (a version-named folder), or, inside a test or example folder, the
// file's own folder (one sample, one fixture). Everything else is one unit, the scan: the paths
// named on one command line, as manifests applied together. An archive member belongs to its
// archive's unit.
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { folderContext } from '../knowledge/contexts.js';
import { rootOf } from './context.js';

/** `(path) => unit` for files under `roots` (absolute), with display paths relative to `cwd`. */
export function unitResolver(roots: string[], cwd: string): (path: string) => string {
  const charts = new Map<string, boolean>();
  const isChart = (dir: string) => {
    let v = charts.get(dir);
    if (v === undefined) charts.set(dir, (v = existsSync(join(dir, 'Chart.yaml'))));
    return v;
  };
  const byDir = new Map<string, string>();
  return (path: string) => {
    const abs = resolve(cwd, path);
    const dir = dirname(abs);
    const known = byDir.get(dir);
    if (known !== undefined) return known;
    const root = rootOf(abs, roots);
    // The paths named on one command line are applied together: the scan itself is the top unit.
    let unit = '';
    if (root !== undefined && dir.length > root.length) {
      let at = root;
      for (const name of relative(root, dir).split(sep)) {
        at = join(at, name);
        const kind = folderContext(name);
        if (kind === 'test' || kind === 'example') {
          unit = dir;
          break;
        }
        if (kind === 'archive' || isChart(at)) unit = at;
      }
    }
    byDir.set(dir, unit);
    return unit;
  };
}
