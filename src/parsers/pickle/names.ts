// Python names: what a GLOBAL's operands really import, and what looks like a dotted identifier.
import { IMPORT_MAPPING, NAME_MAPPING } from './compat-names.js';

/**
 * A dotted Python identifier path (`a.b_c.D1`), ASCII only: what /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/
 * accepts, as a loop (the memo runs it on every old string it keeps).
 */
export function isIdent(s: string): boolean {
  let start = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) start = false;
    else if (c >= 48 && c <= 57) {
      if (start) return false;
    } else if (c === 46) {
      if (start) return false;
      start = true;
    } else return false;
  }
  return !start;
}

/**
 * The (module, name) Python 3's unpickler really imports for a GLOBAL/INST/STACK_GLOBAL operand pair:
 * Python 2 names go through _compat_pickle's NAME_MAPPING, then IMPORT_MAPPING (compat-names.ts).
 * CPython applies them only below protocol 3; applying them always is the cautious reading (a
 * renamed module that Python 3 would fail to import is reported under its dangerous new name).
 */
export function canonicalName(module: string, name: string): readonly [string, string] {
  return NAME_MAPPING.get(`${module}\n${name}`) ?? [IMPORT_MAPPING.get(module) ?? module, name];
}

/** True when a name is a plausible Python dotted identifier (garbage after STOP rarely is). */
export function isIdentifierPath(s: string): boolean {
  return s.length > 0 && s.length < 512 && isIdent(s);
}
