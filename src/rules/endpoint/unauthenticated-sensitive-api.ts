import { observationRule } from './support.js';

export default observationRule(
  {
    id: 'endpoint/unauthenticated-sensitive-api',
    title: "ML service exposes a sensitive API without authentication",
    severity: 'critical',
    description:
      "A live ML service answered a read-only list/describe request on an API that also runs code or changes state \u2014 job submission (Ray), kernels and terminals (Jupyter), model registration (TorchServe, Ollama), DAG runs (Airflow), pipelines (Kubeflow), artifact stores (MLflow), pod exec/logs (kubelet, Kubernetes API) \u2014 without any credentials. Those write paths sit behind the same (missing) authentication, so anyone who can reach the port can use them. This is how ShadowRay (CVE-2023-48022), ShellTorch (CVE-2023-43654) and open Jupyter servers were exploited in the wild. mlwarden proves the exposure with the read-only request shown and never calls the write path.",
    remediation:
      "Turn on the service's own authentication (Jupyter token/password, MLflow `--app-name basic-auth`, TorchServe token authorization, Airflow auth manager, kubelet `--anonymous-auth=false` with webhook authorization) or put it behind an authenticating reverse proxy, and bind it to a private interface or network policy so that only the clients that need it can connect.",
    references: ["https://atlas.mitre.org/techniques/AML.T0049", "https://attack.mitre.org/techniques/T1190/", "https://cwe.mitre.org/data/definitions/306.html", "https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/", "https://nvd.nist.gov/vuln/detail/CVE-2023-48022", "https://nvd.nist.gov/vuln/detail/CVE-2023-43654"],
    tags: ["endpoint", "authentication", "network"],
  },
  'sensitive-api',
);
