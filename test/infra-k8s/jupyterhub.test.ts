import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { FIXTURES } from './helpers.js';

async function hub(files: string[]): Promise<string[]> {
  const r = await scanPaths(files, { cwd: FIXTURES, gitignore: false });
  return r.findings
    .filter((f) => f.ruleId.startsWith('platform/jupyter'))
    .map((f) => `${f.ruleId} ${f.location.path}:${f.location.line} ${f.severity}`)
    .sort();
}

test('Zero to JupyterHub values: dummy authenticator with a shared password, plain-HTTP LoadBalancer, admin_access, root user pods', async () => {
  assert.deepEqual(await hub(['platform/jupyterhub/values.yaml']), [
    'platform/jupyterhub-admin-access platform/jupyterhub/values.yaml:10 medium',
    'platform/jupyterhub-proxy-no-https platform/jupyterhub/values.yaml:5 high',
    'platform/jupyterhub-shared-password platform/jupyterhub/values.yaml:12 critical',
    'platform/jupyterhub-singleuser-root platform/jupyterhub/values.yaml:16 high',
    'platform/jupyterhub-singleuser-root platform/jupyterhub/values.yaml:17 high',
    'platform/jupyterhub-singleuser-root platform/jupyterhub/values.yaml:19 high',
  ]);
});

test('the shared password is masked in evidence and never in the message', async () => {
  const r = await scanPaths(['platform/jupyterhub/values.yaml'], { cwd: FIXTURES, gitignore: false });
  const f = r.findings.find((x) => x.ruleId === 'platform/jupyterhub-shared-password')!;
  assert.ok(!f.message.includes('workshop-2024'));
  assert.ok(!f.evidence!.includes('workshop-2024'));
});

test('an umbrella chart (jupyterhub: key) with chart 0.x auth.type dummy is recognised; the proxy default LoadBalancer makes it critical', async () => {
  assert.deepEqual(await hub(['platform/jupyterhub/daskhub-values.yaml']), ['platform/jupyter-no-auth platform/jupyterhub/daskhub-values.yaml:7 critical']);
});

test('jupyterhub_config.py: allow_all with GitHub OAuth is high, admin_access and uid 0 are reported', async () => {
  assert.deepEqual(await hub(['platform/jupyterhub/jupyterhub_config.py']), [
    'platform/jupyterhub-admin-access platform/jupyterhub/jupyterhub_config.py:5 medium',
    'platform/jupyterhub-allow-all platform/jupyterhub/jupyterhub_config.py:4 high',
    'platform/jupyterhub-singleuser-root platform/jupyterhub/jupyterhub_config.py:6 high',
  ]);
});

test('secure variants: organisation-limited OAuth with HTTPS, ClusterIP behind a TLS Ingress, NullAuthenticator, and a non-JupyterHub chart fire nothing', async () => {
  assert.deepEqual(await hub(['platform/secure/jupyterhub/values.yaml', 'platform/secure/jupyterhub/clusterip-values.yaml', 'platform/secure/jupyterhub/jupyterhub_config.py', 'platform/secure/jupyterhub/other-chart-values.yaml']), []);
});
