import { mlflowArtifactsOnly, mlflowListens } from './mlflow-server.js';
import { ATLAS, NIST_190, serviceRule, type SettingQuery } from './support.js';

export default serviceRule({
  id: 'platform/mlflow-no-auth',
  title: "MLflow tracking server without authentication",
  severity: 'high',
  description:
    "`mlflow server` listens beyond localhost (`--host 0.0.0.0`) without `--app-name basic-auth` (or another auth app). MLflow has no authentication by default: anyone who reaches it reads experiments and parameters, overwrites registered model versions (a poisoned model then ships to production) and, with `--serve-artifacts`, reads and writes artifact storage through the server. Several MLflow CVEs (path traversal / LFI in artifact handling) need only network access. Exposed outside the cluster: critical.",
  remediation: "Start the server with `--app-name basic-auth` (change the default admin password) or behind an authenticating reverse proxy; bind to 127.0.0.1 when only local access is needed.",
  references: ['https://mlflow.org/docs/latest/self-hosting/security/basic-http-auth/', 'https://nvd.nist.gov/vuln/detail/CVE-2023-1177', NIST_190('4.3.2'), ATLAS('AML.T0010')],
  tags: ["ml-platform", "mlflow", "authentication"],
}, [
  { service: 'mlflow', auth: true, test: trackingWithoutAuth },
]);

function trackingWithoutAuth(q: SettingQuery) {
  if (!mlflowListens(q) || q.get('appName')) return undefined;
  // --artifacts-only disables the tracking API: what is left is the artifact proxy (platform/mlflow-artifact-proxy-no-auth).
  if (mlflowArtifactsOnly(q)) return undefined;
  return { message: 'MLflow tracking server listens beyond localhost without `--app-name basic-auth`: experiments, registered models and artifacts are readable and writable by anyone who reaches it' };
}
