// Scan-wide joins: 10,000 one-object-per-file manifests (ML workloads, Services exposing them, Roles
// and bindings for their service accounts), as a GitOps repository keeps them. Every missing-auth
// platform rule and k8s/ml-workload-rbac record per file and join in finish; this measures the whole
// scan including the joins.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchCase } from '../harness.js';

const FILES = 10_000;
const GROUPS = FILES / 4;

function files(g: number): Array<[string, string]> {
  const ns = `team-${g % 50}`;
  return [
    [`workloads/vllm-${g}.yaml`, `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: llm-${g}, namespace: ${ns}}\nspec:\n  template:\n    metadata:\n      labels: {app: llm-${g}}\n    spec:\n      serviceAccountName: llm-${g}\n      containers:\n        - name: vllm\n          image: vllm/vllm-openai:v0.6.3\n          args: ["--model", "m${g}"]\n          ports: [{containerPort: 8000, name: http}]\n`],
    [`services/llm-${g}.yaml`, `apiVersion: v1\nkind: Service\nmetadata: {name: llm-${g}, namespace: ${ns}}\nspec:\n  type: ${g % 4 ? 'ClusterIP' : 'LoadBalancer'}\n  selector: {app: llm-${g}}\n  ports: [{port: 80, targetPort: http}]\n`],
    [`rbac/role-${g}.yaml`, `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: llm-${g}, namespace: ${ns}}\nrules:\n  - apiGroups: [""]\n    resources: [${g % 5 ? 'configmaps' : 'secrets'}]\n    verbs: [get, list]\n`],
    [`rbac/binding-${g}.yaml`, `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: llm-${g}, namespace: ${ns}}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: llm-${g}}\nsubjects:\n  - {kind: ServiceAccount, name: llm-${g}, namespace: ${ns}}\n`],
  ];
}

const c: BenchCase = {
  name: 'infra-k8s: 10k one-object files, cross-file exposure + RBAC joins',
  scanner: 'k8s',
  async setup(dir) {
    const root = join(dir, 'gitops');
    const fresh = !existsSync(join(root, 'rbac', `binding-${GROUPS - 1}.yaml`));
    let bytes = 0;
    for (let g = 0; g < GROUPS; g++) {
      for (const [name, body] of files(g)) {
        bytes += body.length;
        if (!fresh) continue;
        const p = join(root, name);
        mkdirSync(join(p, '..'), { recursive: true });
        writeFileSync(p, body);
      }
    }
    return { paths: ['gitops'], bytes, files: FILES };
  },
  async run(input, dir) {
    const { scanPaths } = await import('../../src/scan/scan-paths.js');
    const t0 = process.hrtime.bigint();
    const report = await scanPaths(input.paths, { cwd: dir, gitignore: false });
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    const count = (id: string) => report.findings.filter((f) => f.ruleId === id).length;
    return {
      findings: report.findings.length,
      vllm_no_api_key_critical: report.findings.filter((f) => f.ruleId === 'platform/vllm-no-api-key' && f.severity === 'critical').length,
      ml_workload_rbac: count('k8s/ml-workload-rbac'),
      scan_files_per_s: Math.round(FILES / secs),
    };
  },
};
export default c;
