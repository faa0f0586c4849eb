// PEP 508 dependency specifications (`name[extra1,extra2] (>=1.0,<2) ; python_version < "3.11"`,
// `name @ https://...`), read with a linear scan. Markers are kept as text, not evaluated: a
// vulnerable pin behind a marker is still a vulnerable pin on some platform.
import { normalizePackageName, parseSpecifierSet, pinnedVersion } from '../../advisories/versions/pep440.js';

export interface Pep508 {
  name: string;
  normalized: string;
  extras: string[];
  specifier: string;
  /** The exact version `==X` / `===X` pins, if it pins one. */
  version?: string;
  url?: string;
  marker?: string;
  /** The specifier did not parse as PEP 440 (kept as text). */
  invalidSpecifier?: boolean;
}

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;

export function parsePep508(input: string): Pep508 | undefined {
  let s = input.trim();
  if (!s || s.length > 4096) return undefined;
  let marker: string | undefined;
  // A marker follows ';' (for URL requirements, '; ' after whitespace, since URLs may hold ';').
  const at = s.indexOf('@');
  const semi = s.indexOf(';');
  const idx = semi === -1 ? -1 : at !== -1 && at < semi ? s.search(/\s;/) : semi;
  if (idx !== -1) {
    marker = s.slice(idx).replace(/^\s*;/, '').trim() || undefined;
    s = s.slice(0, idx).trim();
  }
  const m = NAME.exec(s);
  if (!m) return undefined;
  const name = m[0];
  let rest = s.slice(name.length).trim();
  let extras: string[] = [];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close === -1) return undefined;
    extras = rest
      .slice(1, close)
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    rest = rest.slice(close + 1).trim();
  }
  const out: Pep508 = { name, normalized: normalizePackageName(name), extras, specifier: '', ...(marker ? { marker } : {}) };
  if (rest.startsWith('@')) {
    out.url = rest.slice(1).trim();
    return out;
  }
  if (rest.startsWith('(') && rest.endsWith(')')) rest = rest.slice(1, -1).trim();
  out.specifier = rest.replace(/\s+/g, '');
  if (out.specifier) {
    const specs = parseSpecifierSet(out.specifier);
    if (!specs) out.invalidSpecifier = true;
    else {
      const pin = pinnedVersion(specs);
      if (pin) out.version = pin;
    }
  }
  return out;
}
