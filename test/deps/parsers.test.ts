import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRequirements } from '../../src/parsers/deps/requirements.js';
import { parsePep508 } from '../../src/parsers/deps/pep508.js';
import { parseTomlLock, parsePyproject } from '../../src/parsers/deps/toml-files.js';
import { parseCoreMetadata, parseDockerfilePip } from '../../src/parsers/deps/other-files.js';
import { parseDockerfile } from '../../src/parsers/dockerfile/dockerfile.js';
import { TextModel } from '../../src/parsers/text/text.js';

const df = (text: string) => parseDockerfile(new TextModel(text));
import { parseDockerfileImages, parseImageRef, yamlImages } from '../../src/parsers/deps/image-refs.js';
import { parseYamlText } from '../../src/parsers/yaml/yaml.js';
import { tagVersion, IMAGE_PACKAGES } from '../../src/rules/deps/image-packages.js';
import { ParseError } from '../../src/core/errors.js';
import { growth, growthMessage, LINEAR_BOUND } from '../helpers/growth.js';

test('reads PEP 508 names, extras, specifiers, markers and URL requirements', () => {
  assert.deepEqual(parsePep508('Torch[cuda, dev] (>=2.0, <3) ; python_version < "3.12"'), {
    name: 'Torch', normalized: 'torch', extras: ['cuda', 'dev'], specifier: '>=2.0,<3', marker: 'python_version < "3.12"',
  });
  assert.equal(parsePep508('mlflow===2.9.1')?.version, '2.9.1');
  assert.equal(parsePep508('mlflow==2.*')?.version, undefined, 'a wildcard is not a pin');
  const url = parsePep508('pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee9982d4bbb3c72346a6de940a148ea686 ; python_version>"3"');
  assert.equal(url?.url, 'https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee9982d4bbb3c72346a6de940a148ea686');
  assert.equal(url?.marker, 'python_version>"3"');
  assert.equal(parsePep508('weird==not a version')?.invalidSpecifier, true);
});

test('requirements: continuations, comments, options, includes, editable and VCS lines keep their start line', () => {
  const m = parseRequirements(
    [
      '# comment',
      '-i https://pypi.org/simple',
      '--extra-index-url=https://extra.example/simple',
      '-rbase.txt',
      '--constraint constraints.txt',
      'ray[default]==2.8.0 \\',
      '    --hash=sha256:aa \\',
      '    --hash=sha256:bb',
      '-e git+https://github.com/org/repo.git@v1#egg=my_pkg',
      'https://example.com/x.tar.gz#egg=other-pkg',
      'url#fragment-not-comment==1.0',
      '--trusted-host example.com',
      'numpy  # pinned elsewhere',
      '???',
    ].join('\n'),
  );
  assert.deepEqual(m.indexUrls.map((i) => [i.option, i.url, i.line]), [
    ['-i', 'https://pypi.org/simple', 2],
    ['--extra-index-url', 'https://extra.example/simple', 3],
  ]);
  assert.deepEqual(m.includes, [{ path: 'base.txt', constraint: false, line: 4 }, { path: 'constraints.txt', constraint: true, line: 5 }]);
  const ray = m.deps.find((d) => d.normalized === 'ray')!;
  assert.equal(ray.version, '2.8.0');
  assert.equal(ray.line, 6);
  assert.deepEqual(ray.extras, ['default']);
  assert.equal(m.deps.find((d) => d.normalized === 'my-pkg')?.url, 'git+https://github.com/org/repo.git@v1#egg=my_pkg');
  assert.equal(m.deps.find((d) => d.normalized === 'other-pkg')?.line, 10);
  assert.equal(m.deps.find((d) => d.normalized === 'numpy')?.line, 13);
  assert.deepEqual(m.issues.map((i) => i.line), [14]);
});

test('TOML locks: each [[package]] gets its name line; sub-tables do not leak keys', () => {
  const m = parseTomlLock('[[package]]\nname = "a"\nversion = "1.0"\n\n[package.dependencies]\nname = "not-a-package"\nversion = "9"\n\n[[package]]\nname = \'b\'\nversion = \'2.0\'\n', 'poetry.lock');
  assert.deepEqual(m.deps.map((d) => [d.name, d.version, d.line]), [['a', '1.0', 2], ['b', '2.0', 10]]);
  assert.ok(m.locked);
});

test('pyproject: a malformed file is a ParseError, not a crash', () => {
  assert.throws(() => parsePyproject('[project\ndependencies = ['), ParseError);
});

test('core metadata: Name/Version headers only, never the body', () => {
  const m = parseCoreMetadata('Metadata-Version: 2.1\nName: Gradio\nVersion: 4.10.0\n\nVersion: 9.9.9\n', 'dist-info');
  assert.deepEqual(m.deps.map((d) => [d.normalized, d.version, d.line]), [['gradio', '4.10.0', 3]]);
});

test('Dockerfile pip install lines: versions, options and variables', () => {
  const m = parseDockerfilePip(df('RUN python -m pip install -U --no-cache-dir torch==2.5.1 "transformers>=4" $EXTRA -r req.txt ./local && \\\n  pip3 install --extra-index-url https://x.example/simple vllm\n'));
  assert.deepEqual(m.deps.map((d) => `${d.name}${d.specifier ?? ''}@${d.line}`), ['torch==2.5.1@1', 'transformers>=4@1', 'vllm@1']);
  assert.deepEqual(m.indexUrls.map((i) => i.url), ['https://x.example/simple']);
});

test('image references: registries, Docker Hub library names, tags and digests', () => {
  assert.deepEqual(parseImageRef('nvcr.io/nvidia/tritonserver:23.10-py3'), { ref: 'nvcr.io/nvidia/tritonserver:23.10-py3', registry: 'nvcr.io', repository: 'nvidia/tritonserver', tag: '23.10-py3' });
  assert.equal(parseImageRef('docker.io/library/python:3.11')?.repository, 'python');
  assert.equal(parseImageRef('localhost:5000/ollama/ollama')?.registry, 'localhost:5000');
  assert.equal(parseImageRef('ollama/ollama@sha256:abcd')?.digest, 'sha256:abcd');
  assert.equal(parseImageRef('{{ .Values.image }}'), undefined);
  const pkg = IMAGE_PACKAGES['docker.io/apache/airflow'];
  assert.equal(tagVersion('slim-2.7.1-python3.10', pkg), '2.7.1');
  assert.equal(tagVersion('latest', pkg), undefined);
  assert.equal(tagVersion('2', pkg), undefined);
  assert.equal(tagVersion('v1.16.1-ubuntu20.04', IMAGE_PACKAGES['nvcr.io/nvidia/k8s/container-toolkit']), '1.16.1');
});

test('Dockerfile FROM: ARG defaults substituted, stage names and scratch skipped', () => {
  const m = parseDockerfileImages(df('ARG TAG=0.1.33\nFROM --platform=linux/amd64 ollama/ollama:${TAG} AS base\nFROM base\nFROM scratch\nFROM ollama/ollama:$UNSET\n'));
  assert.deepEqual(m.refs.map((r) => [r.ref, r.line]), [['ollama/ollama:0.1.33', 2]]);
});

test('YAML image walk is iterative (deeply nested input)', () => {
  const deep = 'a:\n' + Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i + 1)}- b:`).join('\n') + '\n';
  const y = parseYamlText(deep);
  assert.deepEqual(yamlImages(y).refs, []);
});

test('hostile requirements: huge lines and pathological text stay linear', { timeout: 120_000 }, () => {
  // One 200 KB name, a 50 KB marker of ';', a 20 KB version; then 8 times as much, timed in the same
  // test (test/helpers/growth.ts; the timeout only stops a stall).
  const text = (n: number) => `${'a'.repeat(n)}==1.0 ${';'.repeat(n / 4)}\ntorch==${'1.'.repeat(n / 20)}0\n`;
  const small = parseRequirements(text(1_000));
  assert.deepEqual(small.deps.map((d) => [d.name, d.version]), [['a'.repeat(1_000), '1.0'], ['torch', `${'1.'.repeat(50)}0`]]);
  // At full size both requirements are past the PEP 508 parser's caps: issues, never a crash.
  const m = parseRequirements(text(200_000));
  assert.deepEqual(m.deps, []);
  assert.deepEqual(m.issues.map((i) => [i.line, i.message.slice(0, 24)]), [[1, 'not a requirement: aaaaa'], [2, 'not a requirement: torch']]);
  const ratio = growth(text, parseRequirements, 200_000);
  assert.ok(ratio < LINEAR_BOUND, growthMessage(ratio));
});

test('hostile requirements: many continuation lines stay linear', () => {
  const text = (n: number) => `${'\\\n'.repeat(n)}torch==1.0\n`;
  assert.deepEqual(parseRequirements(text(10_000)).deps.map((d) => [d.name, d.version, d.line]), [['torch', '1.0', 1]]);
  const ratio = growth(text, parseRequirements, 10_000);
  assert.ok(ratio < LINEAR_BOUND, growthMessage(ratio));
});
