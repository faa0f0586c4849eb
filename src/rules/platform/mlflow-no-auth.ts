import { ATLAS, NIST_190, issueRule } from './support.js';

export default issueRule({
  id: 'platform/mlflow-no-auth',
  title: "MLflow tracking server without authentication",
  severity: 'high',
  description:
    "`mlflow server` listens beyond localhost (`--host 0.0.0.0`) without `--app-name basic-auth` (or another auth app). MLflow has no authentication by default: anyone who reaches it reads experiments and parameters, overwrites registered model versions (a poisoned model then ships to production) and, with `--serve-artifacts`, reads and writes artifact storage through the server. Several MLflow CVEs (path traversal / LFI in artifact handling) need only network access. Exposed outside the cluster: critical.",
  remediation: "Start the server with `--app-name basic-auth` (change the default admin password) or behind an authenticating reverse proxy; bind to 127.0.0.1 when only local access is needed.",
  references: ['https://mlflow.org/docs/latest/self-hosting/security/basic-http-auth/', 'https://nvd.nist.gov/vuln/detail/CVE-2023-1177', NIST_190('4.3.2'), ATLAS('AML.T0010')],
  tags: ["ml-platform", "mlflow", "authentication"],
});
