// Every detector carries its own examples (gitleaks' habit): texts it must report and texts it must
// not. This one test runs them all through the real scan (files on disk, every rule, masking on), so a
// new provider needs its file and its line in the table, and nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DETECTORS } from '../../src/rules/secrets/detector-table.js';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { maskSecret } from '../../src/core/fingerprint.js';
import { tmpTree } from '../helpers/tmp.js';
import { scanText } from './helpers.js';
import type { Detector, Example } from '../../src/rules/secrets/detector.js';
import type { Finding } from '../../src/core/types.js';

const secretsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'rules', 'secrets');
const asFile = (e: Example) => (typeof e === 'string' ? { text: e, file: 'example.txt' } : e);

test('the detector table lists exactly the detector files, each under its own rule id', async () => {
  const files: Array<{ name: string; detector: Detector }> = [];
  for (const f of readdirSync(secretsDir).filter((n) => n.endsWith('.ts')).sort()) {
    const mod = (await import(pathToFileURL(join(secretsDir, f)).href)) as { detector?: Detector };
    if (mod.detector) files.push({ name: basename(f, '.ts'), detector: mod.detector });
  }
  assert.deepEqual(files.filter((f) => f.detector.id !== f.name).map((f) => f.name), [], 'a detector file must be named after its id');
  const listed = new Set(DETECTORS);
  assert.deepEqual(files.filter((f) => !listed.has(f.detector)).map((f) => f.name), [], 'detector files missing from detector-table.ts');
  const onDisk = new Set(files.map((f) => f.detector));
  assert.deepEqual(DETECTORS.filter((d) => !onDisk.has(d)).map((d) => d.id), [], 'table entries without their own file');
  assert.equal(new Set(DETECTORS.map((d) => d.id)).size, DETECTORS.length, 'duplicate ids');
});

test('every detector has at least one match and one noMatch example', () => {
  const thin = DETECTORS.filter((d) => d.examples.match.length === 0 || d.examples.noMatch.length === 0).map((d) => d.id);
  assert.deepEqual(thin, []);
});

// All examples in one tree, one scan: <id>/<match|noMatch>-<n>/<file>.
const files: Record<string, string> = {};
for (const d of DETECTORS) {
  for (const kind of ['match', 'noMatch'] as const) {
    d.examples[kind].forEach((e, i) => {
      const { text, file } = asFile(e);
      files[`${d.id}/${kind}-${i}/${file}`] = text;
    });
  }
}
let findings: Promise<Finding[]> | undefined;
function findingsAt(path: string): Promise<Finding[]> {
  findings ??= (async () => {
    const tree = tmpTree(files);
    try {
      return (await scanPaths(['.'], { cwd: tree.dir })).findings;
    } finally {
      tree.cleanup();
    }
  })();
  return findings.then((all) => all.filter((f) => f.location.path.split('\\').join('/').endsWith(path)));
}

for (const d of DETECTORS) {
  const rule = `secrets/${d.id}`;
  d.examples.match.forEach((e, i) => {
    const { text, file } = asFile(e);
    test(`${rule} reports its match example ${i}: ${text.split('\n')[0].slice(0, 50)}`, async () => {
      const own = (await findingsAt(`${d.id}/match-${i}/${file}`)).filter((f) => f.ruleId === rule);
      assert.equal(own.length, 1, `expected one ${rule} finding, got ${own.length}`);
      const secrets = (await scanText(text, file)).filter((h) => h.detector === d).map((h) => h.secret);
      assert.equal(secrets.length, 1);
      const evidence = own[0].evidence ?? '';
      assert.ok(!evidence.includes(secrets[0]), `evidence shows the secret: ${evidence}`);
      if (!secrets[0].includes('\n')) assert.ok(evidence.includes(maskSecret(secrets[0])), `evidence lacks the masked secret: ${evidence}`);
    });
  });
  d.examples.noMatch.forEach((e, i) => {
    const { text, file } = asFile(e);
    test(`${rule} does not report its noMatch example ${i}: ${text.split('\n')[0].slice(0, 50)}`, async () => {
      const own = (await findingsAt(`${d.id}/noMatch-${i}/${file}`)).filter((f) => f.ruleId === rule);
      assert.deepEqual(own.map((f) => f.evidence), []);
    });
  });
}
