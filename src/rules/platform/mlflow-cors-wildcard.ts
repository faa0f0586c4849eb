import { issueRule } from './support.js';

export default issueRule({
  id: 'platform/mlflow-cors-wildcard',
  title: "MLflow host / CORS checks open to any origin",
  severity: 'medium',
  description:
    "MLflow's security middleware is disabled or `--allowed-hosts` / `--cors-allowed-origins` is `*`: DNS-rebinding and cross-origin requests from a user's browser reach the tracking API.",
  remediation: "List the real host names and origins, and keep the security middleware on.",
  references: ['https://mlflow.org/docs/latest/self-hosting/security/network/'],
  tags: ["ml-platform", "mlflow", "cors"],
});
