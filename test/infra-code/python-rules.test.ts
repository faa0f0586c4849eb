import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { tmpTree } from '../helpers/tmp.js';

const DIR = join(process.cwd(), 'test', 'fixtures', 'infra-code', 'python');

async function findings(cwd: string, paths: string[]) {
  const r = await scanPaths(paths, { cwd, gitignore: false });
  assert.deepEqual(r.errors, []);
  return r.findings.filter((f) => f.ruleId.startsWith('code/'));
}

/** `# expect: rule-id [severity] rule-id2 ...` trailing comments in the positive fixtures. */
function expectations(file: string): string[] {
  const out: string[] = [];
  readFileSync(join(DIR, file), 'utf8').split('\n').forEach((line, i) => {
    const m = /# expect: (.*)$/.exec(line);
    if (!m) return;
    const words = m[1].trim().split(/\s+/);
    for (let k = 0; k < words.length; k++) {
      if (!words[k].includes('/')) continue;
      const sev = words[k + 1] && !words[k + 1].includes('/') ? words[k + 1] : '*';
      out.push(`${words[k]}@${i + 1}:${sev}`);
    }
  });
  return out.sort();
}

for (const file of readdirSync(DIR).filter((f) => f.endsWith('_bad.py'))) {
  test(`reports exactly the annotated unsafe calls in ${file}, with their severities`, async () => {
    const got = (await findings(DIR, [file])).map((f) => `${f.ruleId}@${f.location.line}:${f.severity}`);
    const want = expectations(file);
    const normalize = (xs: string[]) => xs.map((x) => x.replace(/:(?:[a-z]+|\*)$/, '')).sort();
    assert.deepEqual(normalize(got), normalize(want));
    for (const w of want.filter((x) => !x.endsWith(':*'))) assert.ok(got.includes(w), `expected ${w}, got ${got.join(', ')}`);
  });
}

for (const file of readdirSync(DIR).filter((f) => f.endsWith('_good.py'))) {
  test(`stays silent on the secure variants, comments, docstrings and strings in ${file}`, async () => {
    assert.deepEqual((await findings(DIR, [file])).map((f) => `${f.ruleId}@${f.location.line}`), []);
  });
}

test('resolves import aliases: import torch as T, from torch import load as L, import pickle as pkl', async () => {
  const t = tmpTree({ 'a.py': 'import torch as T\nfrom torch import load as L\nimport pickle as pkl\nT.load(p)\nL(p)\npkl.loads(b)\n' });
  try {
    const got = (await findings(t.dir, ['a.py'])).map((f) => `${f.ruleId}@${f.location.line}`).sort();
    assert.deepEqual(got, ['code/pickle-deserialization@6', 'code/torch-load-unsafe@4', 'code/torch-load-unsafe@5']);
  } finally {
    t.cleanup();
  }
});

test('does not guess: a name that was never imported, or was rebound by def, is not the library', async () => {
  const t = tmpTree({ 'a.py': 'load(p)\nimport pickle\ndef loads(x):\n    return x\nfrom pickle import loads as pl\npl = None\npl(b)\nloads(b)\n' });
  try {
    assert.deepEqual(await findings(t.dir, ['a.py']), []);
  } finally {
    t.cleanup();
  }
});

test('follows keyword arguments through literal **dict and dict(...) names, and not through unknown ones', async () => {
  const t = tmpTree({
    'a.py':
      'from transformers import AutoModel\nkw = {"trust_remote_code": True}\nAutoModel.from_pretrained("./local", **kw)\n' +
      'AutoModel.from_pretrained("./local", **dict(trust_remote_code=True))\nAutoModel.from_pretrained("./local", **load_kwargs())\n',
  });
  try {
    const got = (await findings(t.dir, ['a.py'])).map((f) => `${f.ruleId}@${f.location.line}`).sort();
    assert.deepEqual(got, ['code/trust-remote-code@3', 'code/trust-remote-code@4']);
  } finally {
    t.cleanup();
  }
});

test('an inline mlwarden-ignore comment suppresses a code finding', async () => {
  const t = tmpTree({ 'a.py': 'import pickle\n# mlwarden-ignore code/pickle-deserialization -- our own cache file\nx = pickle.load(f)\n' });
  try {
    const r = await scanPaths(['a.py'], { cwd: t.dir, gitignore: false });
    assert.equal(r.findings.filter((f) => f.ruleId.startsWith('code/')).length, 0);
    assert.equal(r.suppressed.filter((f) => f.ruleId === 'code/pickle-deserialization').length, 1);
  } finally {
    t.cleanup();
  }
});

test('fingerprints do not depend on the line: moving a call keeps its fingerprint', async () => {
  const t = tmpTree({ 'a.py': 'import pickle\nx = pickle.load(f)\n', 'b/a.py': 'import pickle\n\n\n\nx = pickle.load(f)\n' });
  try {
    const [a] = await findings(t.dir, ['a.py']);
    const r2 = await scanPaths(['b/a.py'], { cwd: t.dir, gitignore: false });
    assert.equal(a.location.line, 2);
    assert.equal(r2.findings[0].location.line, 5);
    assert.notEqual(a.fingerprint, undefined);
  } finally {
    t.cleanup();
  }
});

test('hf-unpinned-revision is one low finding per file, at the first download, listing every unpinned call', async () => {
  const got = (await findings(DIR, ['hub_bad.py'])).filter((f) => f.ruleId === 'code/hf-unpinned-revision');
  assert.equal(got.length, 1);
  const [f] = got;
  assert.equal(f.severity, 'low');
  assert.equal(f.location.line, 10);
  const downloads = f.properties?.downloads as Array<{ line: number; repo: string; revision?: string }>;
  assert.deepEqual(downloads.map((d) => d.line), [10, 11, 12, 13, 14, 15, 16]);
  assert.deepEqual(downloads.find((d) => d.line === 12), { line: 12, call: 'AutoModelForCausalLM.from_pretrained', repo: 'acme-research/llm-7b', revision: 'main' });
  assert.match(f.message, /^7 Hugging Face downloads without a pinned commit sha: AutoTokenizer\.from_pretrained\("acme-research\/llm-7b"\) \(line 10\), .*, and 2 more$/);
});
