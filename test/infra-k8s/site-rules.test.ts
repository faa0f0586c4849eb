// The split between ML-service knowledge (catalog: data), the parser (facts) and the platform rules
// (judgement): rows name real settings, the parser names no rule, and the list of site rules that
// platform/ml-api-exposed consults is complete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRules } from '../../src/scan/registry.js';
import { SERVICES, serviceById } from '../../src/knowledge/ml-services/catalog.js';
import { analyzeInvocation } from '../../src/parsers/ml-services/analyze.js';
import { SITE_RULES, judgeInvocation, servicesMissingAuth } from '../../src/rules/platform/site-rules.js';
import { settingQuery, type SiteRule } from '../../src/rules/platform/support.js';

test('SITE_RULES holds every registered rule that judges ML sites', async () => {
  const judging = (await loadRules()).filter((r): r is SiteRule => typeof (r as Partial<SiteRule>).judge === 'function');
  assert.deepEqual(SITE_RULES.map((r) => r.meta.id).sort(), judging.map((r) => r.meta.id).sort());
  assert.ok(SITE_RULES.length >= 35);
});

test('every check row names a catalog service and one of its settings', () => {
  for (const r of SITE_RULES) {
    for (const c of r.checks ?? []) {
      const spec = serviceById(c.service);
      assert.ok(spec, `${r.meta.id}: unknown service ${c.service}`);
      const name = 'setting' in c ? c.setting : 'missing' in c ? c.missing : undefined;
      if (name !== undefined) assert.ok(spec.settings[name], `${r.meta.id}: ${c.service} has no setting '${name}'`);
    }
  }
  for (const s of SERVICES) if (s.listen) assert.ok(s.settings[s.listen.setting], `${s.id}: listen setting '${s.listen.setting}' is not one of its settings`);
});

test('checks over several settings read only catalog names (a typo throws instead of never firing)', () => {
  // Every setting given, as a bare value and as a flag: each combined test runs past its first guard.
  for (const s of SERVICES) {
    for (const value of ['', 'true', '0.0.0.0', 'explicit', 'LoadBalancer', 'dummy']) {
      const config = Object.fromEntries(Object.values(s.settings).flatMap((x) => x.config ?? []).map((k) => [k, value]));
      const env = Object.fromEntries(Object.values(s.settings).flatMap((x) => x.env ?? []).map((k) => [k, value]));
      const analysis = analyzeInvocation({ service: s.id, config, env, head: true });
      for (const r of SITE_RULES) assert.doesNotThrow(() => r.judge(analysis), `${r.meta.id} on ${s.id} = '${value}'`);
    }
  }
  const jupyter = analyzeInvocation({ argv: ['jupyter', 'lab'] }).services[0];
  assert.throws(() => settingQuery(jupyter).get('tokne'), /no setting 'tokne' for service jupyter/);
});

test('the parser reports facts: each setting with its value and where it was written, in precedence order', () => {
  const a = analyzeInvocation({ argv: ['jupyter', 'lab', '--ip', '0.0.0.0', '--allow-root', 'nb.ipynb', '--ServerApp.token='], config: { 'ServerApp.ip': '127.0.0.1' } });
  assert.deepEqual(a.services.map((s) => s.id), ['jupyter']);
  const s = a.services[0];
  assert.equal(s.listens, 'all', 'the first occurrence (the flag) wins over the config key');
  assert.deepEqual(s.settings.ip, [{ value: '0.0.0.0', where: { kind: 'arg', index: 3 } }, { value: '127.0.0.1', where: { kind: 'config', key: 'ServerApp.ip' } }]);
  assert.deepEqual(s.settings.allowRoot, [{ value: '', where: { kind: 'arg', index: 4 } }], 'a boolean flag does not take the next word as its value');
  assert.deepEqual(s.settings.token, [{ value: '', where: { kind: 'arg', index: 6 } }]);
  assert.equal(s.settings.password, undefined, 'settings not given are absent');
  assert.deepEqual(a.common, {});
});

test('--trust-remote-code is a fact of the command it is on, and of the environment', () => {
  const a = analyzeInvocation({ argv: ['sh', '-c', 'pip install x && python serve.py --trust-remote-code'], env: { HF_TRUST_REMOTE_CODE: '1', TRUST_REMOTE_CODE: 'false' } });
  assert.deepEqual(a.services, []);
  assert.deepEqual(a.common.trustRemoteCode?.map((f) => [f.command, f.where.kind]), [['python', 'arg'], [undefined, 'env'], [undefined, 'env']]);
  assert.deepEqual(judgeInvocation({ argv: ['sh', '-c', 'python serve.py --trust-remote-code'], env: { HF_TRUST_REMOTE_CODE: '1', TRUST_REMOTE_CODE: 'false' } }).issues.map((i) => [i.rule, i.message]), [
    ['platform/trust-remote-code', 'python runs with --trust-remote-code: Python files from the model repository execute in the server'],
    ['platform/trust-remote-code', 'HF_TRUST_REMOTE_CODE=1: Python files from the model repository execute in the server'],
  ]);
});

test('a service counts as missing authentication when any rule finds it so (what platform/ml-api-exposed calls open)', () => {
  assert.deepEqual([...servicesMissingAuth(analyzeInvocation({ argv: ['vllm', 'serve', 'm'] }))], ['vllm']);
  assert.deepEqual([...servicesMissingAuth(analyzeInvocation({ argv: ['vllm', 'serve', 'm', '--api-key', 'k'] }))], []);
  assert.deepEqual([...servicesMissingAuth(analyzeInvocation({ argv: ['ray', 'start', '--head'], env: { RAY_AUTH_MODE: 'token' } }))], []);
  assert.deepEqual([...servicesMissingAuth(analyzeInvocation({ argv: ['ray', 'start', '--head'] }))], ['ray']);
});

test('the ML-service parser and knowledge name no rule id', async () => {
  const ids = (await loadRules()).map((r) => r.meta.id);
  for (const dir of ['src/parsers/ml-services', 'src/knowledge/ml-services']) {
    for (const f of readdirSync(dir)) {
      const text = readFileSync(join(dir, f), 'utf8');
      for (const id of ids) assert.ok(!text.includes(id), `${dir}/${f} names ${id}`);
    }
  }
});
