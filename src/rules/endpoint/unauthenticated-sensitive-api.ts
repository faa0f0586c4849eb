import { checkRule, type CheckVerdicts } from './support.js';
import type { RuleMeta } from '../../core/types.js';

const meta: RuleMeta = {
  id: 'endpoint/unauthenticated-sensitive-api',
  title: "ML service exposes a sensitive API without authentication",
  severity: 'critical',
  description:
    "A live ML service answered a read-only list/describe request on an API that also runs code or changes state \u2014 job submission (Ray), kernels and terminals (Jupyter), model registration (TorchServe, Ollama), DAG runs (Airflow), pipelines (Kubeflow), artifact stores (MLflow), pod exec/logs (kubelet, Kubernetes API) \u2014 without any credentials. Those write paths sit behind the same (missing) authentication, so anyone who can reach the port can use them. This is how ShadowRay (CVE-2023-48022), ShellTorch (CVE-2023-43654) and open Jupyter servers were exploited in the wild. mlwarden proves the exposure with the read-only request shown and never calls the write path.",
  remediation:
    "Turn on the service's own authentication (Jupyter token/password, MLflow `--app-name basic-auth`, TorchServe token authorization, Airflow auth manager, kubelet `--anonymous-auth=false` with webhook authorization) or put it behind an authenticating reverse proxy, and bind it to a private interface or network policy so that only the clients that need it can connect.",
  references: ["https://atlas.mitre.org/techniques/AML.T0049", "https://attack.mitre.org/techniques/T1190/", "https://cwe.mitre.org/data/definitions/306.html", "https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/", "https://nvd.nist.gov/vuln/detail/CVE-2023-48022", "https://nvd.nist.gov/vuln/detail/CVE-2023-43654"],
  tags: ["endpoint", "authentication", "network"],
};

// Each row: a fingerprint check (src/knowledge/probe/<service>.ts) whose read-only answer proves a
// write or code-execution path behind it is open, how severe that is, and what it lets an attacker do.
export const VERDICTS: CheckVerdicts = {
  'mlflow:mlflow-tracking-api': {
    severity: 'high',
    message: 'MLflow tracking API answers without authentication: anyone can read and overwrite experiments, runs, parameters and metrics, and register models',
  },
  'mlflow:mlflow-artifact-proxy': {
    severity: 'high',
    message: 'MLflow artifact proxy lists and serves artifact files without authentication: models can be downloaded or replaced (a replaced pickle runs code wherever it is loaded)',
  },
  'ray:ray-jobs-api': {
    severity: 'critical',
    message: 'Ray Jobs API answers without authentication: anyone can submit a job, which runs arbitrary code on the cluster (ShadowRay, CVE-2023-48022)',
  },
  'jupyter-server:jupyter-kernels': {
    severity: 'critical',
    message: 'Jupyter kernels API answers without a token: anyone can start a kernel and run arbitrary code as the server user',
  },
  'jupyter-server:jupyter-terminals': {
    severity: 'critical',
    message: 'Jupyter terminals API answers without a token: anyone can open a shell on the server',
  },
  'jupyter-server:jupyter-contents': {
    severity: 'high',
    message: 'Jupyter contents API answers without a token: anyone can read and write files under the server root',
  },
  'jupyterhub:jupyterhub-users': {
    severity: 'critical',
    message: 'JupyterHub users API answers without a token: anyone can list users and start or reach their servers',
  },
  'torchserve:torchserve-management': {
    severity: 'critical',
    message: 'TorchServe management API answers without a token: anyone can register a model from any URL (ShellTorch, CVE-2023-43654), scale workers or unregister models',
  },
  'triton:triton-model-repository': {
    severity: 'high',
    message: 'Triton model repository API answers without authentication: it lists every model in the repository, and the same unrestricted API loads and unloads models (in --model-control-mode=explicit, a load request can carry its own model files and config, which for a Python-backend model means running code on the server); restrict it with --http-restricted-api=model-repository:<header>=<secret>',
  },
  'ollama:ollama-model-management': {
    severity: 'high',
    message: 'Ollama API answers without authentication: anyone can pull, push, copy, create and delete models (/api/pull, /api/delete; Probllama, CVE-2024-37032)',
  },
  'kubeflow-dashboard:kubeflow-env-info': {
    severity: 'high',
    message: 'Kubeflow dashboard API answers without an identity header from the auth proxy: profiles and namespaces are exposed and the dashboard is not behind authentication',
  },
  'kubeflow-pipelines:kfp-pipelines': {
    severity: 'critical',
    message: 'Kubeflow Pipelines API answers without authentication: anyone can upload a pipeline and start runs, which execute containers in the cluster',
  },
  'airflow:airflow-dags': {
    severity: 'critical',
    message: 'Airflow REST API answers without authentication: anyone can trigger DAG runs and read connections and variables (credentials)',
  },
  'airflow:airflow-dags-v2': {
    severity: 'critical',
    message: 'Airflow REST API answers without authentication: anyone can trigger DAG runs and read connections and variables (credentials)',
  },
  'tensorboard:tensorboard-data': {
    severity: 'medium',
    message: 'TensorBoard serves training logs, graphs, hyperparameters and the server-side log directory path without authentication',
  },
  'comfyui:comfyui-open': {
    severity: 'high',
    message: 'ComfyUI answers without authentication: anyone can queue workflows (/prompt), upload files and, with ComfyUI-Manager, install custom nodes (code execution)',
  },
  'prometheus:prometheus-admin-api': {
    severity: 'high',
    message: 'Prometheus admin API is enabled and unauthenticated: anyone can delete series or trigger snapshots',
  },
  'kubelet:kubelet-api-anonymous': {
    severity: 'critical',
    message: 'Kubelet API accepts anonymous requests: anyone can list pods, read their logs and run commands in any container on the node (/exec, /run)',
  },
  'kubelet:kubelet-read-only-port': {
    severity: 'high',
    message: 'Kubelet read-only port is open: full pod specs (environment variables, images, volumes, service accounts) are readable without authentication',
  },
  'kubernetes-api:kubernetes-anonymous-namespaces': {
    severity: 'critical',
    message: 'Kubernetes API server lets anonymous users list namespaces: RBAC grants system:anonymous (or system:unauthenticated) broad read access',
  },
  'kubernetes-api:kubernetes-anonymous-pods': {
    severity: 'critical',
    message: 'Kubernetes API server lets anonymous users list pods in every namespace',
  },
};

export default checkRule(meta, VERDICTS);
