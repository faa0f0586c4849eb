// YAML that slipped past the nesting pre-check and made the yaml library spend
// seconds per document (quadratic in the node properties stacked on one node) or overflow the stack.
// The refusal is checked, and that its time grows linearly with the input (test/helpers/growth.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlText } from '../../src/parsers/yaml/yaml.js';
import { LimitExceededError } from '../../src/core/errors.js';
import { growth, growthMessage, LINEAR_BOUND } from '../helpers/growth.js';

test('stacked anchors and tags on one node are refused before parsing', { timeout: 120_000 }, () => {
  // 10 documents of 3000 `&a ` took ~20 s (90 KB of input); a 1 MB file took minutes.
  for (const unit of ['&a ', '!t ', '!t &a ']) {
    const text = (n: number) => Array.from({ length: 10 }, () => `${unit.repeat(n)}x\n`).join('---\n');
    assert.throws(() => parseYamlText(text(3000)), LimitExceededError, unit);
    const refuse = (t: string) => assert.throws(() => parseYamlText(t), LimitExceededError);
    const ratio = growth(text, refuse, 3000);
    assert.ok(ratio < LINEAR_BOUND, `${unit}: ${growthMessage(ratio)}`);
  }
  // The same properties one per line, still on one node.
  assert.throws(() => parseYamlText(`${'&a\n'.repeat(3000)}x\n`), LimitExceededError);
});

test('nested explicit keys count as nesting (no stack overflow inside the yaml library)', () => {
  assert.throws(() => parseYamlText(`${'? '.repeat(20_000)}x\n`), LimitExceededError);
  assert.throws(() => parseYamlText(`${'- ? '.repeat(10_000)}x\n`), LimitExceededError);
});

test('ordinary anchors, tags and explicit keys still parse', () => {
  const m = parseYamlText(
    [
      'base: &base {cpu: 1, mem: 2}',
      'a: !!map &x',
      '  <<: *base',
      'refs: [!Ref A, !Ref B, !Ref C, !Ref D, !Ref E, !Ref F, !Ref G, !Ref H, !Ref I, !Ref J, !Ref K, !Ref L, !Ref M, !Ref N, !Ref O, !Ref P, !Ref Q, !Ref R]',
      '? complex',
      ': value',
      '- &one !str x',
    ].slice(0, 6).join('\n'),
  );
  assert.equal(m.documents[0].error, undefined);
  assert.deepEqual((m.documents[0].value as { base: unknown }).base, { cpu: 1, mem: 2 });
});
