import { enabled, star } from '../../knowledge/ml-services/values.js';
import { serviceRule } from './support.js';

export default serviceRule({
  id: 'platform/mlflow-cors-wildcard',
  title: "MLflow host / CORS checks open to any origin",
  severity: 'medium',
  description:
    "MLflow's security middleware is disabled or `--allowed-hosts` / `--cors-allowed-origins` is `*`: DNS-rebinding and cross-origin requests from a user's browser reach the tracking API.",
  remediation: "List the real host names and origins, and keep the security middleware on.",
  references: ['https://mlflow.org/docs/latest/self-hosting/security/network/'],
  tags: ["ml-platform", "mlflow", "cors"],
}, [
  { service: 'mlflow', setting: 'allowedOrigins', when: star, message: (v) => `MLflow allows any host/origin ('${v}'): DNS-rebinding and cross-origin requests reach the API` },
  { service: 'mlflow', setting: 'disableSecurityMiddleware', when: enabled, message: () => 'MLflow security middleware (host and CORS checks) is disabled' },
]);
