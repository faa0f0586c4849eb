import { test } from 'node:test';
import assert from 'node:assert/strict';
import { comparePep440, normalizePep440, parsePep440, parseSpecifierSet, satisfiesAll, normalizePackageName } from '../../src/advisories/versions/pep440.js';
import { compareLooseStrings } from '../../src/advisories/versions/semver.js';

const v = (s: string) => {
  const p = parsePep440(s);
  assert.ok(p, `parses ${s}`);
  return p;
};
const sat = (version: string, spec: string) => satisfiesAll(v(version), parseSpecifierSet(spec)!);

test('orders the PEP 440 "Summary of permitted suffixes and relative ordering" example', () => {
  // Straight from PEP 440, in ascending order.
  const ordered = [
    '1.dev0', '1.0.dev456', '1.0a1', '1.0a2.dev456', '1.0a12.dev456', '1.0a12', '1.0b1.dev456', '1.0b2', '1.0b2.post345.dev456',
    '1.0b2.post345', '1.0rc1.dev456', '1.0rc1', '1.0', '1.0+abc.5', '1.0+abc.7', '1.0+5', '1.0.post456.dev34', '1.0.post456', '1.0.15', '1.1.dev1',
  ];
  for (let i = 0; i + 1 < ordered.length; i++) {
    assert.ok(comparePep440(v(ordered[i]), v(ordered[i + 1])) < 0, `${ordered[i]} < ${ordered[i + 1]}`);
  }
});

test('orders epochs above any release without one', () => {
  assert.ok(comparePep440(v('1!0.1'), v('2024.1')) > 0);
  assert.ok(comparePep440(v('2013.10'), v('1!1.0')) < 0);
});

test('normalises alternative spellings as PEP 440 requires', () => {
  const cases: Array<[string, string]> = [
    ['1.0RC1', '1.0rc1'], ['1.0alpha1', '1.0a1'], ['1.0-beta.2', '1.0b2'], ['1.0c1', '1.0rc1'], ['1.0pre1', '1.0rc1'], ['1.0preview1', '1.0rc1'],
    ['1.0-1', '1.0.post1'], ['1.0-r4', '1.0.post4'], ['1.0rev4', '1.0.post4'], ['1.0.post', '1.0.post0'], ['1.0-dev2', '1.0.dev2'],
    ['1.0a', '1.0a0'], ['v1.0', '1.0'], ['1.0+ubuntu-1', '1.0+ubuntu.1'], ['1.0+AbC_5', '1.0+abc.5'], ['2.1.0+cu121', '2.1.0+cu121'],
  ];
  for (const [input, norm] of cases) assert.equal(normalizePep440(v(input)), norm, input);
  assert.equal(comparePep440(v('1.0'), v('1.0.0')), 0);
});

test('rejects strings that are not PEP 440 versions', () => {
  for (const bad of ['', 'latest', '1.0+', '1.0+a..b', 'french toast', '1.0.x', '0.1.0-py3-gpu', 'a'.repeat(200)]) assert.equal(parsePep440(bad), undefined, bad);
});

test('compatible release ~= matches like >=V, ==V.prefix.*', () => {
  assert.ok(sat('2.2.5', '~=2.2'));
  assert.ok(sat('2.9', '~=2.2'));
  assert.ok(!sat('3.0', '~=2.2'));
  assert.ok(sat('1.4.7', '~=1.4.5'));
  assert.ok(!sat('1.5.0', '~=1.4.5'));
  assert.ok(!sat('1.4.4', '~=1.4.5'));
  assert.equal(parseSpecifierSet('~=1'), undefined, '~= needs two release segments');
});

test('== and != with wildcards, local versions and zero padding', () => {
  assert.ok(sat('1.1.post1', '==1.1.*'));
  assert.ok(!sat('1.10', '==1.1.*'));
  assert.ok(sat('1.1', '==1.1.0'));
  assert.ok(sat('2.1.0+cu121', '==2.1.0'), 'spec without local matches local builds');
  assert.ok(!sat('2.1.0', '==2.1.0+cu121'));
  assert.ok(sat('1.1.post1', '!=1.1'));
  assert.ok(!sat('1.1.post1', '!=1.1.*'));
  assert.ok(sat('2.0', '!=1.*'));
});

test('exclusive comparisons exclude pre-releases and post-releases of the bound', () => {
  assert.ok(!sat('1.7.0rc1', '<1.7'), '<V excludes V pre-releases');
  assert.ok(sat('1.7.0rc1', '<1.7.0rc2'));
  assert.ok(sat('1.6.9', '<1.7'));
  assert.ok(!sat('1.7.0.post1', '>1.7'), '>V excludes V post-releases');
  assert.ok(sat('1.7.1', '>1.7'));
  assert.ok(sat('1.7.0.post2', '>1.7.0.post1'));
  assert.ok(!sat('1.7.0+local', '>1.7'));
  assert.ok(sat('1.7', '<=1.7') && sat('1.7', '>=1.7'));
});

test('=== compares the raw string, and specifier sets combine clauses', () => {
  assert.ok(satisfiesAll({ epoch: 0, release: [0], raw: 'foobar' }, parseSpecifierSet('===foobar')!));
  assert.deepEqual(parseSpecifierSet('===foobar')?.[0].op, '===');
  assert.ok(sat('1.5', '>=1.0, !=1.3.*, <2'));
  assert.ok(!sat('1.3.4', '>=1.0,!=1.3.*,<2'));
  assert.equal(parseSpecifierSet('>=1.0,<'), undefined);
  assert.equal(parseSpecifierSet('>=1.0+local'), undefined, 'ordered comparisons take no local label');
});

test('normalises package names per PEP 503', () => {
  assert.equal(normalizePackageName('Jupyter_Server'), 'jupyter-server');
  assert.equal(normalizePackageName('llama.index--core'), 'llama-index-core');
});

test('orders Go/SemVer and vendor dotted versions', () => {
  assert.ok(compareLooseStrings('v0.1.33', '0.1.34') < 0);
  assert.ok(compareLooseStrings('0.1.34-rc1', '0.1.34') < 0);
  assert.ok(compareLooseStrings('1.0.0-alpha', '1.0.0-alpha.1') < 0);
  assert.ok(compareLooseStrings('1.0.0-alpha.beta', '1.0.0-beta') < 0);
  assert.ok(compareLooseStrings('1.0.0-beta.2', '1.0.0-beta.11') < 0);
  assert.ok(compareLooseStrings('23.10', '25.07') < 0);
  assert.ok(compareLooseStrings('24.6.2', 'v24.6.10') < 0);
  assert.equal(compareLooseStrings('1.16', '1.16.0'), 0);
  assert.ok(Number.isNaN(compareLooseStrings('latest', '1.0')));
});
