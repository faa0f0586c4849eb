// Per-line regexes that were quadratic on one long line (a 50 KB line took 2.5-6 s;
// a 200 KB line minutes). Each input below is one long line of the repeated character class.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../src/parsers/dockerfile/dockerfile.js';
import { TextModel } from '../../src/parsers/text/text.js';
import { parseSetupCfg } from '../../src/parsers/deps/other-files.js';
import { analyseHeader, type SafetensorsModel } from '../../src/parsers/safetensors/safetensors.js';
import { isNvidiaComponentImage } from '../../src/parsers/k8s/gpu.js';
import { parseComputeApps } from '../../src/parsers/gpu/compute-apps.js';

const LONG = 200_000;

test('a Dockerfile line with a long run of inner blanks is read in linear time', { timeout: 20_000 }, () => {
  // `/[ \t]+$/` restarted at every blank of the run and scanned to the line end.
  const m = parseDockerfile(new TextModel(`FROM python:3.12\nRUN echo a${' '.repeat(LONG)}b  \\\n  && echo c\t\n`));
  assert.equal(m.instructions.length, 2);
  assert.ok(m.instructions[1].args.endsWith('b    && echo c'), JSON.stringify(m.instructions[1].args.slice(-20)));
});

test('a setup.cfg line of blanks without a separator is read in linear time', { timeout: 20_000 }, () => {
  const m = parseSetupCfg(`[options]\ninstall_requires${' '.repeat(LONG)}x\ninstall_requires =\n    requests==2.0 ; comment\n`);
  assert.deepEqual(m.deps.map((d) => d.name), ['requests']);
  assert.deepEqual(parseSetupCfg('[options]\ninstall_requires: numpy==1.0\n').deps.map((d) => d.name), ['numpy']);
});

test('a safetensors header of padding followed by garbage is analysed in linear time', { timeout: 20_000 }, () => {
  const model: SafetensorsModel = { fileSize: 0, headerLength: 0, dataStart: 8, tensors: [], issues: [], headerParsed: false };
  analyseHeader(model, `{"a":${' '.repeat(LONG)}x}`);
  assert.equal(model.headerParsed, false);
  assert.ok(model.issues.length > 0);
});

test('an image reference full of colons is classified in linear time', { timeout: 20_000 }, () => {
  assert.equal(isNvidiaComponentImage(`x${':'.repeat(LONG)}/y`), false);
  assert.equal(isNvidiaComponentImage('nvcr.io/nvidia/k8s-device-plugin:v0.17.0'), true);
});

test('an nvidia-smi CSV header with a long blank run is read in linear time', { timeout: 20_000 }, () => {
  const r = parseComputeApps(`pid, process_name${' '.repeat(LONG)}x, used_memory [MiB]\n42, python, 100 MiB\n`);
  assert.equal(r.apps.length, 1);
  assert.equal(parseComputeApps('pid, process_name, used_memory [MiB]\n42, python, 100 MiB\n').apps[0].pid, 42);
});
