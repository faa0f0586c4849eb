// Per-line regexes that were quadratic on one long line (a 50 KB line took 2.5-6 s; a 200 KB line
// minutes). Each input below is one long line of the repeated character class; each test checks the
// result, and that the time grows linearly from a 200 KB to a 1.6 MB line (test/helpers/growth.ts).
// The timeouts only stop a regression from stalling the suite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../src/parsers/dockerfile/dockerfile.js';
import { TextModel } from '../../src/parsers/text/text.js';
import { parseSetupCfg } from '../../src/parsers/deps/other-files.js';
import { analyseHeader, type SafetensorsModel } from '../../src/parsers/safetensors/safetensors.js';
import { isNvidiaComponentImage } from '../../src/parsers/k8s/gpu.js';
import { parseComputeApps } from '../../src/parsers/gpu/compute-apps.js';
import { growth, growthMessage, LINEAR_BOUND } from '../helpers/growth.js';

const N = 200_000;

function assertLinear<T>(make: (n: number) => T, run: (input: T) => unknown): void {
  const ratio = growth(make, run, N);
  assert.ok(ratio < LINEAR_BOUND, growthMessage(ratio));
}

test('a Dockerfile line with a long run of inner blanks is read in linear time', { timeout: 120_000 }, () => {
  // `/[ \t]+$/` restarted at every blank of the run and scanned to the line end.
  const text = (n: number) => `FROM python:3.12\nRUN echo a${' '.repeat(n)}b  \\\n  && echo c\t\n`;
  const m = parseDockerfile(new TextModel(text(N)));
  assert.equal(m.instructions.length, 2);
  assert.ok(m.instructions[1].args.endsWith('b    && echo c'), JSON.stringify(m.instructions[1].args.slice(-20)));
  assertLinear(text, (t) => parseDockerfile(new TextModel(t)));
});

test('a setup.cfg line of blanks without a separator is read in linear time', { timeout: 120_000 }, () => {
  const text = (n: number) => `[options]\ninstall_requires${' '.repeat(n)}x\ninstall_requires =\n    requests==2.0 ; comment\n`;
  assert.deepEqual(parseSetupCfg(text(N)).deps.map((d) => d.name), ['requests']);
  assertLinear(text, parseSetupCfg);
  assert.deepEqual(parseSetupCfg('[options]\ninstall_requires: numpy==1.0\n').deps.map((d) => d.name), ['numpy']);
});

test('a safetensors header of padding followed by garbage is analysed in linear time', { timeout: 120_000 }, () => {
  const model: SafetensorsModel = { fileSize: 0, headerLength: 0, dataStart: 8, tensors: [], issues: [], headerParsed: false };
  const header = (n: number) => `{"a":${' '.repeat(n)}x}`;
  analyseHeader(model, header(N));
  assert.equal(model.headerParsed, false);
  assert.ok(model.issues.length > 0);
  assertLinear(header, (h) => analyseHeader({ ...model, tensors: [], issues: [] }, h));
});

test('an image reference full of colons is classified in linear time', { timeout: 120_000 }, () => {
  const ref = (n: number) => `x${':'.repeat(n)}/y`;
  assert.equal(isNvidiaComponentImage(ref(N)), false);
  assertLinear(ref, isNvidiaComponentImage);
  assert.equal(isNvidiaComponentImage('nvcr.io/nvidia/k8s-device-plugin:v0.17.0'), true);
});

test('an nvidia-smi CSV header with a long blank run is read in linear time', { timeout: 120_000 }, () => {
  const csv = (n: number) => `pid, process_name${' '.repeat(n)}x, used_memory [MiB]\n42, python, 100 MiB\n`;
  assert.equal(parseComputeApps(csv(N)).apps.length, 1);
  assertLinear(csv, parseComputeApps);
  assert.equal(parseComputeApps('pid, process_name, used_memory [MiB]\n42, python, 100 MiB\n').apps[0].pid, 42);
});
