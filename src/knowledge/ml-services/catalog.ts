// What mlwarden knows about ML services, as data: how to recognise each one from a command line, an
// image or its environment, which ports it serves, whether it has authentication at all, and the
// named settings it reads (the flags, environment variables and config keys that spell each one).
//
// Why the split: knowledge is data, judgement is in the rules. This file says where a service keeps
// `token` or `dashboardHost`; whether a value is unsafe, how bad it is and what the finding says
// live in the rule's own file under src/rules/platform, which reads the settings by name.
// The parsers (src/parsers/ml-services) use this file to report facts — the services an
// invocation runs and the settings found for each, with where they were written — and never
// name a rule. Setting names come from each project's own docs and sources (see docs/infra-k8s.md).

/** Where a setting was found: an argv index, an environment variable, a config key, or the site itself. */
export type SettingWhere = { kind: 'arg'; index: number } | { kind: 'env'; name: string } | { kind: 'config'; key: string } | { kind: 'site' };

/** Where one logical setting can be given: CLI flags, environment variables (aliases), config keys. */
export interface SettingSpec {
  flags?: string[];
  env?: string[];
  /** Keys of the service's own config file: `ServerApp.token`, `webserver.secret_key`, `disable_token_authorization`. */
  config?: string[];
  /** A bare flag (`--allow-root`) means true; a following word is not its value. */
  boolean?: boolean;
}

/** A setting as found: its value and where it was written (each site maps `where` to a line). */
export interface FoundSetting {
  value: string;
  where: SettingWhere;
  /**
   * The value comes from a reference the manifest does not resolve (a Kubernetes `secretKeyRef`):
   * the setting is present, its value unknown; `value` then only describes the reference.
   */
  reference?: boolean;
}

export interface ServiceSpec {
  id: string;
  name: string;
  /** Executable basename plus optional first sub-command(s); `python -m <module>` matches `module`. */
  commands?: Array<{ exe: string; sub?: string[] }>;
  modules?: string[];
  /** Image repository fragments (`vllm/vllm-openai`). */
  images?: string[];
  /** Environment variable prefixes that only this service reads (`AIRFLOW__`). */
  envPrefixes?: string[];
  /** The flag that starts the head of a cluster (`ray start --head`): of several commands, the one with it is the service. */
  headFlag?: string;
  ports: number[];
  /** 'none': the service has no authentication at all; 'optional': off unless configured. */
  auth: 'none' | 'optional';
  /** Where its authentication lives when a deployment file cannot show it (said instead of "authentication configured"). */
  authNote?: string;
  /** The listen-address setting (a name in `settings`) and the default when it is unset. */
  listen?: { setting: string; default: 'all' | 'loopback' };
  /** Every setting a rule reads, by name. */
  settings: Record<string, SettingSpec>;
}

const JUPYTER_APPS = ['ServerApp', 'NotebookApp', 'IdentityProvider', 'LabApp'];
/** A Jupyter trait, as a `--ServerApp.<key>` flag or a `ServerApp.<key>` config key of any of its apps. */
const jup = (key: string) => ({ flags: JUPYTER_APPS.map((a) => `--${a}.${key}`), config: JUPYTER_APPS.map((a) => `${a}.${key}`) });

const OAUTHENTICATORS = ['GitHub', 'Google', 'GitLab', 'Generic', 'Bitbucket', 'CILogon', 'Auth0', 'AzureAd', 'Globus', 'OpenShift', 'MediaWiki'];

export const SERVICES: ServiceSpec[] = [
  {
    id: 'jupyter', name: 'Jupyter',
    commands: [{ exe: 'jupyter', sub: ['notebook', 'lab', 'server', 'nbclassic'] }, { exe: 'jupyter-lab' }, { exe: 'jupyter-notebook' }, { exe: 'jupyter-server' }, { exe: 'start-notebook.sh' }, { exe: 'start-notebook.py' }, { exe: 'start-singleuser.sh' }, { exe: 'jupyterhub-singleuser' }],
    modules: ['notebook', 'jupyterlab', 'jupyter_server'],
    images: ['jupyter/', 'quay.io/jupyter/', 'kubeflownotebookswg/jupyter', 'jupyterhub/singleuser'],
    ports: [8888], auth: 'optional',
    listen: { setting: 'ip', default: 'loopback' },
    settings: {
      ip: { flags: ['--ip', ...jup('ip').flags], config: jup('ip').config },
      token: jup('token'),
      password: jup('password'),
      hashedPassword: jup('hashed_password'),
      allowRoot: { flags: ['--allow-root', ...jup('allow_root').flags], config: jup('allow_root').config, boolean: true },
      allowOrigin: jup('allow_origin'),
      allowOriginPat: jup('allow_origin_pat'),
      disableCheckXsrf: { ...jup('disable_check_xsrf'), boolean: true },
    },
  },
  {
    id: 'jupyterhub', name: 'JupyterHub', commands: [{ exe: 'jupyterhub' }], images: ['jupyterhub/k8s-hub', 'jupyterhub/jupyterhub', 'quay.io/jupyterhub/k8s-hub', 'quay.io/jupyterhub/jupyterhub'], ports: [8000, 8081], auth: 'optional',
    settings: {
      authenticatorClass: { config: ['JupyterHub.authenticator_class'], flags: ['--JupyterHub.authenticator_class'] },
      sharedPassword: { config: ['DummyAuthenticator.password', 'SharedPasswordAuthenticator.user_password'] },
      allowAll: { config: ['Authenticator.allow_all', 'OAuthenticator.allow_all', ...OAUTHENTICATORS.map((p) => `${p}OAuthenticator.allow_all`), 'LDAPAuthenticator.allow_all', 'NativeAuthenticator.allow_all', 'PAMAuthenticator.allow_all'] },
      adminAccess: { config: ['JupyterHub.admin_access'], flags: ['--JupyterHub.admin_access'] },
      spawnerUid: { config: ['KubeSpawner.uid', 'Spawner.uid', 'DockerSpawner.uid'] },
      allowPrivilegeEscalation: { config: ['KubeSpawner.allow_privilege_escalation'] },
      grantSudo: { config: ['KubeSpawner.environment.GRANT_SUDO', 'Spawner.environment.GRANT_SUDO'] },
      // Zero to JupyterHub chart values (sites.ts reads them from a values file under these keys).
      proxyServiceType: { config: ['proxy.service.type'] },
      proxyHttps: { config: ['proxy.https.enabled'] },
      chartIngress: { config: ['ingress.enabled'] },
    },
  },
  {
    id: 'mlflow', name: 'MLflow',
    commands: [{ exe: 'mlflow', sub: ['server', 'ui'] }], modules: ['mlflow'], images: ['ghcr.io/mlflow/mlflow', 'bitnami/mlflow', 'mlflow/mlflow'],
    ports: [5000], auth: 'optional',
    listen: { setting: 'host', default: 'loopback' },
    settings: {
      host: { flags: ['--host', '-h'], env: ['MLFLOW_HOST'] },
      appName: { flags: ['--app-name'] },
      serveArtifacts: { flags: ['--serve-artifacts'], boolean: true },
      noServeArtifacts: { flags: ['--no-serve-artifacts'], boolean: true },
      serveArtifactsEnv: { env: ['MLFLOW_SERVE_ARTIFACTS'] },
      artifactsOnly: { flags: ['--artifacts-only'], env: ['MLFLOW_ARTIFACTS_ONLY'], boolean: true },
      artifactsDestination: { flags: ['--artifacts-destination'], env: ['MLFLOW_ARTIFACTS_DESTINATION'] },
      adminPassword: { config: ['mlflow.admin_password'], env: ['MLFLOW_TRACKING_PASSWORD', 'MLFLOW_AUTH_ADMIN_PASSWORD'] },
      allowedOrigins: { flags: ['--allowed-hosts', '--cors-allowed-origins'], env: ['MLFLOW_SERVER_ALLOWED_HOSTS', 'MLFLOW_SERVER_CORS_ALLOWED_ORIGINS'] },
      disableSecurityMiddleware: { flags: ['--disable-security-middleware'], env: ['MLFLOW_SERVER_DISABLE_SECURITY_MIDDLEWARE'], boolean: true },
    },
  },
  {
    id: 'ray', name: 'Ray', commands: [{ exe: 'ray', sub: ['start'] }, { exe: 'serve', sub: ['run', 'deploy'] }], images: ['rayproject/ray', 'anyscale/ray'],
    headFlag: '--head',
    ports: [8265, 10001, 6379, 8000], auth: 'optional',
    listen: { setting: 'dashboardHost', default: 'loopback' },
    settings: {
      dashboardHost: { flags: ['--dashboard-host'], env: ['RAY_DASHBOARD_HOST'] },
      authMode: { env: ['RAY_AUTH_MODE'] },
    },
  },
  {
    id: 'airflow', name: 'Airflow', commands: [{ exe: 'airflow', sub: ['webserver', 'api-server', 'scheduler', 'standalone', 'worker', 'triggerer', 'dag-processor'] }],
    images: ['apache/airflow', 'bitnami/airflow'], envPrefixes: ['AIRFLOW__'], ports: [8080], auth: 'optional',
    settings: {
      secretKey: { env: ['AIRFLOW__WEBSERVER__SECRET_KEY', 'AIRFLOW__API__SECRET_KEY'], config: ['webserver.secret_key', 'api.secret_key'] },
      fernetKey: { env: ['AIRFLOW__CORE__FERNET_KEY'], config: ['core.fernet_key'] },
      exposeConfig: { env: ['AIRFLOW__WEBSERVER__EXPOSE_CONFIG', 'AIRFLOW__API__EXPOSE_CONFIG'], config: ['webserver.expose_config', 'api.expose_config'] },
      authBackends: { env: ['AIRFLOW__API__AUTH_BACKENDS', 'AIRFLOW__API__AUTH_BACKEND'], config: ['api.auth_backends', 'api.auth_backend'] },
      /** The official docker-compose creates its admin user with this password. */
      wwwUserPassword: { env: ['_AIRFLOW_WWW_USER_PASSWORD'] },
    },
  },
  {
    id: 'torchserve', name: 'TorchServe', commands: [{ exe: 'torchserve' }], images: ['pytorch/torchserve'], envPrefixes: ['TS_'], ports: [8080, 8081, 8082, 7070, 7071], auth: 'optional',
    settings: {
      managementAddress: { env: ['TS_MANAGEMENT_ADDRESS'], config: ['management_address'] },
      metricsAddress: { env: ['TS_METRICS_ADDRESS'], config: ['metrics_address'] },
      disableTokenAuth: { flags: ['--disable-token-auth'], env: ['TS_DISABLE_TOKEN_AUTHORIZATION'], config: ['disable_token_authorization'], boolean: true },
      enableModelApi: { flags: ['--enable-model-api'], env: ['TS_ENABLE_MODEL_API'], config: ['enable_model_api'], boolean: true },
      allowedUrls: { env: ['TS_ALLOWED_URLS'], config: ['allowed_urls'] },
    },
  },
  {
    id: 'triton', name: 'Triton Inference Server', commands: [{ exe: 'tritonserver' }], images: ['nvcr.io/nvidia/tritonserver'], ports: [8000, 8001, 8002], auth: 'none',
    listen: { setting: 'httpAddress', default: 'all' },
    settings: {
      modelControlMode: { flags: ['--model-control-mode'] },
      allowHttp: { flags: ['--allow-http'] },
      httpAddress: { flags: ['--http-address'] },
      /** Repeatable: one `<apis>:<header>=<value>` per API group. */
      httpRestrictedApi: { flags: ['--http-restricted-api'] },
      allowGrpc: { flags: ['--allow-grpc'] },
      grpcAddress: { flags: ['--grpc-address'] },
      grpcRestrictedProtocol: { flags: ['--grpc-restricted-protocol'] },
      allowMetrics: { flags: ['--allow-metrics'] },
      /** Defaults to --http-address. */
      metricsAddress: { flags: ['--metrics-address'] },
    },
  },
  {
    id: 'vllm', name: 'vLLM', commands: [{ exe: 'vllm', sub: ['serve'] }], modules: ['vllm.entrypoints.openai.api_server', 'vllm.entrypoints.api_server'], images: ['vllm/vllm-openai', 'vllm/vllm'],
    ports: [8000], auth: 'optional',
    settings: {
      apiKey: { flags: ['--api-key'], env: ['VLLM_API_KEY'] },
    },
  },
  { id: 'tgi', name: 'Text Generation Inference', commands: [{ exe: 'text-generation-launcher' }], images: ['huggingface/text-generation-inference'], ports: [80, 8080, 3000], auth: 'none', settings: {} },
  { id: 'sglang', name: 'SGLang', modules: ['sglang.launch_server'], images: ['lmsysorg/sglang'], ports: [30000], auth: 'optional', settings: {} },
  {
    id: 'ollama', name: 'Ollama', commands: [{ exe: 'ollama', sub: ['serve'] }], images: ['ollama/ollama'], envPrefixes: ['OLLAMA_'], ports: [11434], auth: 'none',
    settings: {
      host: { env: ['OLLAMA_HOST'] },
      origins: { env: ['OLLAMA_ORIGINS'] },
    },
  },
  { id: 'tf-serving', name: 'TensorFlow Serving', commands: [{ exe: 'tensorflow_model_server' }], images: ['tensorflow/serving'], ports: [8500, 8501], auth: 'none', settings: {} },
  // The model-server images only: KServe's controllers, local-model agent, storage initializer,
  // agent and router also live under kserve/ and serve no model (they were judged as one, #18).
  {
    id: 'kserve', name: 'KServe model server', ports: [8080, 8081], auth: 'none', settings: {},
    images: ['kserve/sklearnserver', 'kserve/xgbserver', 'kserve/lgbserver', 'kserve/pmmlserver', 'kserve/paddleserver', 'kserve/huggingfaceserver', 'kserve/predictiveserver', 'kserve/autogluonserver', 'kserve/art-explainer', 'kserve/custom-model'],
  },
  {
    id: 'gradio', name: 'Gradio', images: [], envPrefixes: ['GRADIO_'], ports: [7860], auth: 'optional',
    authNote: 'Gradio login, if any, is set in the application code (launch(auth=...) / auth_dependency): not visible here',
    listen: { setting: 'serverName', default: 'loopback' },
    settings: {
      serverName: { env: ['GRADIO_SERVER_NAME'] },
      share: { env: ['GRADIO_SHARE'] },
    },
  },
  { id: 'tensorboard', name: 'TensorBoard', commands: [{ exe: 'tensorboard' }], modules: ['tensorboard.main'], ports: [6006], auth: 'none', settings: {} },
  { id: 'comfyui', name: 'ComfyUI', images: ['comfyui'], ports: [8188], auth: 'none', settings: {} },
  {
    // The API server does no authentication itself: in multi-user mode it trusts the identity header
    // (kubeflow-userid) that the Istio gateway + oauth2-proxy/dex set, so a path around the gateway is unauthenticated too.
    id: 'kfp-api-server', name: 'Kubeflow Pipelines API server', images: ['ml-pipeline/api-server', 'kubeflow/kfp-api-server'], ports: [8888, 8887], auth: 'none',
    settings: {
      multiUser: { env: ['MULTIUSER'] },
      /** Set literally by the multi-user overlay (whose MULTIUSER comes through an envFrom ConfigMap). */
      userIdHeader: { env: ['KUBEFLOW_USERID_HEADER'] },
    },
  },
  {
    id: 'kfp-ui', name: 'Kubeflow Pipelines UI', images: ['ml-pipeline/frontend', 'kubeflow/kfp-frontend'], ports: [3000], auth: 'none',
    settings: {
      allowCustomVisualizations: { env: ['ALLOW_CUSTOM_VISUALIZATIONS'] },
    },
  },
  { id: 'kubeflow-ui', name: 'Kubeflow central dashboard', images: ['centraldashboard', 'kubeflow/centraldashboard'], ports: [8082], auth: 'none', settings: {} },
  { id: 'dcgm-exporter', name: 'DCGM exporter', images: ['nvidia/k8s/dcgm-exporter'], ports: [9400], auth: 'none', settings: {} },
];

/**
 * Settings any server of an invocation reads, whichever it is: `--trust-remote-code` applies to
 * every Hugging Face-based server (vLLM, TGI, SGLang, lmdeploy, ...), also ones not in SERVICES.
 */
export const COMMON_SETTINGS: Record<string, SettingSpec> = {
  trustRemoteCode: { flags: ['--trust-remote-code', '--trust_remote_code'], env: ['TRUST_REMOTE_CODE', 'HF_TRUST_REMOTE_CODE', 'VLLM_TRUST_REMOTE_CODE'], boolean: true },
};

export function serviceById(id: string): ServiceSpec | undefined {
  return SERVICES.find((s) => s.id === id);
}
