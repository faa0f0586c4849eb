// The remaining dependency formats: Pipfile.lock (JSON), conda environment files (YAML, with the
// pip sub-list), setup.cfg (INI), installed-package metadata (*.dist-info/METADATA,
// *.egg-info/PKG-INFO: RFC 822 headers), and `pip install` lines in Dockerfile RUN instructions.
import { ParseError } from '../../core/errors.js';
import type { DockerfileModel } from '../dockerfile/dockerfile.js';
import { emptyModel, fromRequirement, type DepsModel } from './model.js';
import { parsePep508 } from './pep508.js';
import { normalizePackageName } from '../../advisories/versions/pep440.js';
import { isMap, isScalar, isSeq, type YamlModel } from '../yaml/yaml.js';

export function parsePipfileLock(text: string): DepsModel {
  const model = emptyModel('Pipfile.lock', true);
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new ParseError(`Pipfile.lock: ${(e as Error).message}`);
  }
  // Lines: one pass recording where each `"name": {` key opens, per section.
  const lines = text.split('\n');
  const keyLines = new Map<string, number>();
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)"([^"]+)"\s*:\s*\{/.exec(lines[i]);
    if (!m) continue;
    if (m[1].length <= 4 && ['default', 'develop', '_meta'].includes(m[2])) section = m[2];
    else if (!keyLines.has(`${section}:${m[2]}`)) keyLines.set(`${section}:${m[2]}`, i + 1);
  }
  for (const section of ['default', 'develop']) {
    const pkgs = doc[section];
    if (!pkgs || typeof pkgs !== 'object') continue;
    for (const [name, info] of Object.entries(pkgs as Record<string, { version?: string; git?: string }>)) {
      const spec = typeof info?.version === 'string' ? info.version : undefined;
      const version = spec?.startsWith('==') ? spec.slice(2) : undefined;
      model.deps.push({
        ecosystem: 'PyPI',
        name,
        normalized: normalizePackageName(name),
        ...(version ? { version } : {}),
        ...(spec ? { specifier: spec } : {}),
        ...(info?.git ? { url: info.git } : {}),
        ...(section === 'develop' ? { group: 'develop' } : {}),
        line: keyLines.get(`${section}:${name}`) ?? 1,
      });
    }
  }
  const sources = (doc._meta as { sources?: Array<{ url?: string }> } | undefined)?.sources;
  for (const s of Array.isArray(sources) ? sources : []) {
    if (typeof s?.url === 'string') model.indexUrls.push({ url: s.url, option: 'sources', line: 1 });
  }
  return model;
}

/** Conda package names that differ from their PyPI names. */
const CONDA_TO_PYPI: Record<string, string> = {
  pytorch: 'torch',
  'pytorch-gpu': 'torch',
  'pytorch-cpu': 'torch',
  'pytorch-cuda': '',
  'py-xgboost': 'xgboost',
  'tensorflow-base': 'tensorflow',
  'jupyter_server': 'jupyter-server',
};

/** conda match specs: `name`, `name=1.2`, `name==1.2.3`, `name=1.2.3=py310_0`, `channel::name>=1`. */
function condaSpec(spec: string): { name: string; version?: string; specifier?: string } | undefined {
  let s = spec.trim();
  const colon = s.lastIndexOf('::');
  if (colon !== -1) s = s.slice(colon + 2);
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(.*)$/.exec(s);
  if (!m) return undefined;
  const name = m[1];
  const rest = m[2].trim().replace(/\s+/g, '');
  if (!rest) return { name };
  // name==1.2.3, or name=1.2.3=build: exact; name=1.2 means 1.2.* (a range, not a pin).
  let mm = /^==([0-9][^=,|<>*]*)$/.exec(rest);
  if (mm) return { name, version: mm[1], specifier: rest };
  mm = /^=([0-9][^=,|<>*]*)=[^=]+$/.exec(rest);
  if (mm) return { name, version: mm[1], specifier: rest };
  mm = /^=?([0-9][^=,|<>*]*)$/.exec(rest);
  if (mm && mm[1].split('.').length >= 3) return { name, version: mm[1], specifier: rest };
  return { name, specifier: rest };
}

export function parseConda(yaml: YamlModel): DepsModel {
  const model = emptyModel('conda', false);
  for (const doc of yaml.documents) {
    const root = doc.doc.contents;
    if (!isMap(root)) continue;
    const deps = root.get('dependencies', true);
    if (!isSeq(deps)) continue;
    for (const item of deps.items) {
      if (isScalar(item) && typeof item.value === 'string') {
        const c = condaSpec(item.value);
        if (!c) continue;
        const lower = c.name.toLowerCase();
        const pypi = lower in CONDA_TO_PYPI ? CONDA_TO_PYPI[lower] : c.name;
        if (!pypi || lower === 'python' || lower === 'pip') continue;
        const pos = yaml.position(item);
        model.deps.push({
          ecosystem: 'PyPI',
          name: pypi,
          normalized: normalizePackageName(pypi),
          ...(c.version ? { version: c.version } : {}),
          ...(c.specifier ? { specifier: c.specifier } : {}),
          group: 'conda',
          line: pos?.line ?? doc.line,
          ...(pos ? { column: pos.column } : {}),
        });
      } else if (isMap(item)) {
        const pip = item.get('pip', true);
        if (!isSeq(pip)) continue;
        for (const p of pip.items) {
          if (!isScalar(p) || typeof p.value !== 'string') continue;
          const text = p.value.trim();
          const pos = yaml.position(p);
          const line = pos?.line ?? doc.line;
          const opt = /^(--extra-index-url|--index-url|-i|-f|--find-links)(?:=|\s+)(\S+)/.exec(text);
          if (opt) {
            model.indexUrls.push({ url: opt[2], option: opt[1], line });
            continue;
          }
          if (text.startsWith('-')) continue;
          const req = parsePep508(text);
          if (!req) continue;
          model.deps.push(fromRequirement(req, line, { group: 'pip', ...(pos ? { column: pos.column } : {}) }));
        }
      }
    }
  }
  return model;
}

/** setup.cfg `[options] install_requires` and `[options.extras_require]` (INI, indented continuation lines). */
export function parseSetupCfg(text: string): DepsModel {
  const model = emptyModel('setup.cfg', false);
  const lines = text.split('\n');
  let section = '';
  let key = '';
  const take = (value: string, line: number) => {
    const v = value.replace(/\s[#;].*$/, '').trim();
    if (!v) return;
    if (section === 'options' && key !== 'install_requires') return;
    const req = parsePep508(v);
    if (!req) return;
    model.deps.push(fromRequirement(req, line, section === 'options.extras_require' ? { group: key } : {}));
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, '');
    if (!raw.trim() || /^\s*[#;]/.test(raw)) continue;
    const sec = /^\[([^\]]+)\]/.exec(raw);
    if (sec) {
      section = sec[1].trim();
      key = '';
      continue;
    }
    if (section !== 'options' && section !== 'options.extras_require') continue;
    if (/^\s/.test(raw)) {
      if (key) take(raw, i + 1);
      continue;
    }
    // `key = value` / `key: value`, split at the first separator (a lazy-key regex was quadratic).
    const sep = raw.search(/[=:]/);
    if (sep <= 0) continue;
    key = raw.slice(0, sep).trim();
    const value = raw.slice(sep + 1);
    if (value.trim()) take(value, i + 1);
  }
  return model;
}

/** Core metadata (METADATA / PKG-INFO): the `Name:` and `Version:` headers before the body. */
export function parseCoreMetadata(text: string, format: 'dist-info' | 'egg-info'): DepsModel {
  const model = emptyModel(format, true);
  let name: string | undefined;
  let version: string | undefined;
  let versionLine = 1;
  const lines = text.split('\n', 200);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i].replace(/\r$/, '');
    if (!l.trim()) break;
    const m = /^([A-Za-z-]+):\s*(.*)$/.exec(l);
    if (!m) continue;
    const k = m[1].toLowerCase();
    if (k === 'name' && !name) name = m[2].trim();
    else if (k === 'version' && !version) {
      version = m[2].trim();
      versionLine = i + 1;
    }
  }
  if (name) model.deps.push({ ecosystem: 'PyPI', name, normalized: normalizePackageName(name), ...(version ? { version } : {}), line: versionLine });
  else model.issues.push({ line: 1, message: 'no Name: header' });
  return model;
}

/**
 * `RUN pip install torch==2.1.0 "mlflow==2.9.1"` (and pip3, python -m pip, uv pip) in a Dockerfile,
 * read from the shared Dockerfile parser's RUN instructions (continuations joined, heredocs split).
 */
export function parseDockerfilePip(dockerfile: DockerfileModel): DepsModel {
  const model = emptyModel('dockerfile', false);
  for (const inst of dockerfile.instructions) {
    if (inst.keyword !== 'RUN') continue;
    const scripts = [inst.exec ? inst.exec.join(' ') : inst.rest, ...inst.heredocs.map((h) => h.body)];
    for (const script of scripts) {
      if (!/\bpip3?\s+install\b/.test(script)) continue;
      for (const cmd of script.split(/&&|;|\|\||\n/)) pipInstallArgs(cmd, inst.line, model);
    }
  }
  return model;
}

function pipInstallArgs(cmd: string, line: number, model: DepsModel): void {
  const at = cmd.search(/\bpip3?\s+install\b/);
  if (at === -1) return;
  const tokens = cmd.slice(at).replace(/\bpip3?\s+install\b/, '').trim().split(/\s+/);
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t].replace(/^["']|["']$/g, '');
    if (!tok) continue;
    if (tok === '--extra-index-url' || tok === '--index-url' || tok === '-i') {
      const url = tokens[t + 1]?.replace(/^["']|["']$/g, '');
      if (url) model.indexUrls.push({ url, option: tok, line });
      t++;
      continue;
    }
    if (tok.startsWith('-')) {
      if (/^(-r|-c|--requirement|--constraint|-f|--find-links|--target|-t|--prefix|--root|--platform|--python-version|--trusted-host)$/.test(tok)) t++;
      continue;
    }
    if (tok.includes('$') || tok.includes('/') || tok === '.') continue;
    const req = parsePep508(tok);
    if (!req || !/^[A-Za-z]/.test(req.name)) continue;
    model.deps.push(fromRequirement(req, line));
  }
}
