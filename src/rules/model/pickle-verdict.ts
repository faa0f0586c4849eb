// The verdict on one imported global: allowlisted, dangerous (and how), or unknown. Shared by the
// pickle rules so that every rule, nested pickle and container agrees on what a name means.
import type { Severity } from '../../core/types.js';
import type { ImportRecord } from '../../parsers/pickle/machine.js';
import { SAFE_CLASS_PACKAGES, SAFE_GLOBALS, UNSAFE_SUBPACKAGE_MARKERS } from './pickle-globals-safe.js';
import { DANGEROUS, DANGEROUS_NAMES, REEXPORTED_MODULES, type DangerEntry } from './pickle-globals-dangerous.js';

export type Verdict =
  | { kind: 'safe' }
  | { kind: 'dangerous'; entry: DangerEntry; matched: string; severity: Severity }
  | { kind: 'unknown'; severity: Severity }
  /** Name computed at load time, dotted attribute walk, or an extension code: cannot be vetted. */
  | { kind: 'opaque'; severity: Severity; reason: string };

function longestPrefix(segs: string[]): { entry: DangerEntry; matched: string } | undefined {
  for (let i = segs.length; i >= 1; i--) {
    const key = segs.slice(0, i).join('.');
    const entry = DANGEROUS[key];
    if (entry) return { entry, matched: key };
  }
  return undefined;
}

/** Which dangerous entry a dotted path reaches, looking through attribute walks (`pathlib.os.system`). */
export function dangerFor(module: string, name: string): { entry: DangerEntry; matched: string } | undefined {
  const modSegs = module.split('.');
  const nameSegs = name.split('.');
  const segs = [...modSegs, ...nameSegs];
  const direct = longestPrefix(segs);
  if (direct) return direct;
  // An attribute walk can land in any module the first one imported: check every tail.
  for (let s = 1; s < segs.length; s++) {
    const hit = longestPrefix(segs.slice(s));
    if (hit && s >= modSegs.length) return hit;
  }
  const last = nameSegs[nameSegs.length - 1];
  if (REEXPORTED_MODULES.has(last)) return { entry: DANGEROUS[last === '__builtin__' ? 'builtins' : last] ?? DANGEROUS.os, matched: last };
  // Modules re-exported under a private alias (`import sys as _sys` in collections, `_os` in tempfile),
  // and a module's `__builtins__` (the builtins dict or module itself).
  if (last === '__builtins__') return { entry: DANGEROUS['builtins.eval'], matched: last };
  const bare = last.replace(/^_+/, '');
  if (bare !== last && REEXPORTED_MODULES.has(bare)) return { entry: DANGEROUS[bare === '__builtin__' ? 'builtins' : bare] ?? DANGEROUS.os, matched: last };
  // A dangerous function re-exported under another module keeps its name (`sklearn.externals.joblib.load`).
  if (Object.hasOwn(DANGEROUS_NAMES, last)) return { entry: DANGEROUS_NAMES[last], matched: `*.${last}` };
  return undefined;
}

export function isSafeGlobal(module: string, name: string): boolean {
  if (name.includes('.')) return false;
  const qual = `${module}.${name}`;
  if (SAFE_GLOBALS.has(qual)) return true;
  const isClass = /^[A-Z]/.test(name) || module.startsWith('__torch__');
  if (!isClass) return false;
  // A dangerous class re-exported under an allowed package (`Popen`, `CDLL`, `Unpickler`) is not a data holder.
  if (Object.hasOwn(DANGEROUS_NAMES, name)) return false;
  const mod = `${module}.`;
  if (UNSAFE_SUBPACKAGE_MARKERS.some((m) => mod.includes(m))) return false;
  return SAFE_CLASS_PACKAGES.some((p) => mod.startsWith(p));
}

export function verdictFor(imp: ImportRecord): Verdict {
  const used = imp.called || imp.passed;
  if (imp.via === 'EXT') return { kind: 'opaque', severity: 'high', reason: 'imported by copyreg extension code: the name depends on the loading process’s registry' };
  if (imp.computed) {
    return { kind: 'opaque', severity: used ? 'critical' : 'high', reason: `module or name computed at load time${imp.derivedFrom ? ` from ${imp.derivedFrom}` : ''}` };
  }
  if (!imp.dotted && isSafeGlobal(imp.module, imp.name)) return { kind: 'safe' };
  const danger = dangerFor(imp.module, imp.name);
  if (danger) {
    // Code-object builders ship code but do not run it by themselves: high; running it is an indirect call (critical).
    const calledDefault: Severity = danger.entry.category === 'code' ? 'high' : 'critical';
    const severity = used ? (danger.entry.called ?? calledDefault) : (danger.entry.imported ?? 'high');
    return { kind: 'dangerous', entry: danger.entry, matched: danger.matched, severity };
  }
  if (imp.dotted) return { kind: 'opaque', severity: 'high', reason: `dotted name '${imp.name}' walks attributes of ${imp.module}` };
  return { kind: 'unknown', severity: 'medium' };
}

export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };
export function maxSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;
}
