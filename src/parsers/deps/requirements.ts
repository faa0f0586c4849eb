// pip requirements files, as pip reads them: `\` line continuations, `#` comments (at line start
// or after whitespace), options (-r/-c includes, -i/--index-url, --extra-index-url, -f, -e,
// --hash), PEP 508 lines with markers, and URL/VCS requirements (`git+https://...#egg=name`).
// Environment variables (${VAR}) are left as written.
import { emptyModel, fromRequirement, type DepsModel } from './model.js';
import { parsePep508 } from './pep508.js';
import { normalizePackageName } from '../../advisories/versions/pep440.js';

const INDEX_OPTIONS = new Set(['-i', '--index-url', '--extra-index-url', '-f', '--find-links']);
const INCLUDE_OPTIONS: Record<string, boolean> = { '-r': false, '--requirement': false, '-c': true, '--constraint': true };
const URL_SCHEME = /^(git|hg|svn|bzr)\+|^(https?|file|ftp):\/\//i;

/** Splits `--opt=value` / `--opt value` / `-rfile`. */
function option(line: string): { opt: string; value: string } | undefined {
  if (!line.startsWith('-')) return undefined;
  const m = /^(--?[A-Za-z][A-Za-z-]*)(?:=|\s+)?(.*)$/.exec(line);
  if (!m) return undefined;
  let opt = m[1];
  let value = m[2].trim();
  // Short options glued to their value: -rbase.txt, -ihttps://...
  if (/^-[rcief][^-\s]/.test(line) && !line.startsWith('--')) {
    opt = line.slice(0, 2);
    value = line.slice(2).trim();
  }
  return { opt, value };
}

function eggName(url: string): string | undefined {
  const m = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(url);
  return m ? m[1].replace(/\[.*$/, '') : undefined;
}

export function parseRequirements(text: string): DepsModel {
  const model = emptyModel('requirements', false);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const startLine = i + 1;
    // Continuations: a trailing backslash joins the next physical line. The parts are joined once
    // (testing the growing string's end per line re-flattened it: quadratic in continuation lines).
    let part = lines[i].replace(/\r$/, '');
    const parts: string[] = [];
    while (part.endsWith('\\') && i + 1 < lines.length) {
      parts.push(part.slice(0, -1));
      part = lines[++i].replace(/\r$/, '');
    }
    parts.push(part);
    const raw = parts.join(' ');
    const hash = raw.search(/(^|\s)#/);
    let line = (hash === -1 ? raw : raw.slice(0, hash)).trim();
    if (!line) continue;
    const column = raw.length - raw.trimStart().length + 1;
    // Per-requirement options (--hash=..., --config-settings) trail the requirement.
    line = line.replace(/\s--(hash|config-settings|global-option|install-option)(=|\s+)\S+/g, '').trim();
    const opt = option(line);
    if (opt) {
      if (INDEX_OPTIONS.has(opt.opt)) {
        model.indexUrls.push({ url: opt.value, option: opt.opt, line: startLine });
        continue;
      }
      if (opt.opt in INCLUDE_OPTIONS) {
        model.includes.push({ path: opt.value, constraint: INCLUDE_OPTIONS[opt.opt], line: startLine });
        continue;
      }
      if (opt.opt === '-e' || opt.opt === '--editable') {
        const name = eggName(opt.value);
        if (name) model.deps.push({ ecosystem: 'PyPI', name, normalized: normalizePackageName(name), url: opt.value, line: startLine, column });
        continue;
      }
      continue; // --trusted-host, --no-binary, --pre, ...: not dependencies
    }
    if (URL_SCHEME.test(line)) {
      const name = eggName(line);
      if (name) model.deps.push({ ecosystem: 'PyPI', name, normalized: normalizePackageName(name), url: line, line: startLine, column });
      continue;
    }
    // Local paths and wheel files: ./pkg, pkg.whl
    if (/^[./~]/.test(line) || /\.(whl|tar\.gz|zip)$/i.test(line)) continue;
    const req = parsePep508(line);
    if (!req) {
      model.issues.push({ line: startLine, message: `not a requirement: ${line.slice(0, 80)}` });
      continue;
    }
    model.deps.push(fromRequirement(req, startLine, { column }));
  }
  return model;
}
