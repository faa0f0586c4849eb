import { loopbackHost, off } from '../../knowledge/ml-services/values.js';
import type { FoundSetting } from '../../knowledge/ml-services/catalog.js';
import { ATLAS, serviceRule, type SettingQuery } from './support.js';

export default serviceRule({
  id: 'platform/triton-explicit-model-control',
  title: 'Triton model repository API enabled and unrestricted (explicit model control)',
  severity: 'high',
  description:
    '`--model-control-mode=explicit` keeps the model-repository API live (`POST v2/repository/models/<name>/load|unload`): anyone reaching the HTTP or gRPC port ' +
    'loads and unloads models, and loading a model runs its code (Python backend, custom backends); the load API also had a path traversal (CVE-2023-31036). ' +
    'Triton has no authentication of its own; the only built-in control is a shared header secret per API category ' +
    '(`--http-restricted-api=model-repository:<header>=<secret>` and `--grpc-restricted-protocol=model-repository:<header>=<secret>`). Reported when an enabled ' +
    'endpoint (not `--allow-http=false` / `--allow-grpc=false`, not bound to loopback) leaves `model-repository` unrestricted. Exposed outside the cluster ' +
    '(LoadBalancer / NodePort / Ingress, in any scanned file): critical; in-cluster only: medium.',
  remediation:
    'Use `--model-control-mode=none` in production. If models must be loaded at run time, restrict the API on every enabled endpoint ' +
    '(`--http-restricted-api=model-repository,model-config,shared-memory:admin-key=$(TRITON_ADMIN_KEY)` and the same `--grpc-restricted-protocol`, the secret from a Secret), ' +
    'disable the endpoint you do not use (`--allow-grpc=false`), and never expose the port directly.',
  references: [
    'https://github.com/triton-inference-server/server/blob/main/docs/customization_guide/deploy.md',
    'https://github.com/triton-inference-server/server/blob/main/docs/customization_guide/inference_protocols.md#limit-endpoint-access-beta',
    'https://github.com/triton-inference-server/server/blob/main/docs/user_guide/model_management.md',
    'https://nvd.nist.gov/vuln/detail/CVE-2023-31036',
    ATLAS('AML.T0049'),
  ],
  tags: ['ml-platform', 'triton', 'authentication'],
}, [
  { service: 'triton', auth: true, test: explicitModelControl },
]);

function explicitModelControl(q: SettingQuery) {
  const mode = q.get('modelControlMode');
  if (!mode || mode.value.trim().toLowerCase() !== 'explicit') return undefined;
  const open = tritonOpenEndpoints(q, 'model-repository');
  if (!open.length) return undefined;
  return { at: mode, message: `Triton runs with --model-control-mode=explicit and the ${open.join(' and ')} model-repository API is not restricted (${open.map((e) => (e === 'HTTP' ? '--http-restricted-api' : '--grpc-restricted-protocol')).join(' / ')} model-repository:<header>=<secret>): anyone who reaches the port loads and unloads models (model load is code execution via the Python backend; CVE-2023-31036 path traversal)` };
}

/** `--http-restricted-api=<apis>:<key>=<value>` (help text: `<apis>,<key>=<value>`) restricts `api` behind a non-empty header value. */
function tritonRestricts(values: FoundSetting[], api: string): boolean {
  return values.some((f) => {
    const eq = f.value.indexOf('=');
    if (eq < 0 || f.value.slice(eq + 1).trim() === '') return false;
    const parts = f.value.slice(0, eq).split(/[,:]/).map((x) => x.trim());
    return parts.length >= 2 && parts.slice(0, -1).includes(api);
  });
}

const ENDPOINTS = [
  { name: 'HTTP', allow: 'allowHttp', address: 'httpAddress', restrict: 'httpRestrictedApi' },
  { name: 'gRPC', allow: 'allowGrpc', address: 'grpcAddress', restrict: 'grpcRestrictedProtocol' },
];

/** Triton endpoints (HTTP, gRPC) that are enabled, listen beyond loopback and leave `api` unrestricted. */
function tritonOpenEndpoints(q: SettingQuery, api: string): string[] {
  const open: string[] = [];
  for (const e of ENDPOINTS) {
    const allow = q.get(e.allow);
    if (allow && off(allow.value)) continue;
    const addr = q.get(e.address);
    if (addr && loopbackHost(addr.value)) continue;
    if (!tritonRestricts(q.all(e.restrict), api)) open.push(e.name);
  }
  return open;
}
