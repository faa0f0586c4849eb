// What mlwarden knows about ML services, as data: how to recognise each one from a command line, an
// image or its environment, which ports it serves, whether it has authentication at all, and the
// settings that make it unsafe. Adding a service or a setting is adding a row; analyze.ts applies
// the rows. Setting names come from each project's own docs and sources (see docs/infra-k8s.md).

/** Where a setting was found: an argv index, an environment variable, a config key, or the site itself. */
export type IssueWhere = { kind: 'arg'; index: number } | { kind: 'env'; name: string } | { kind: 'config'; key: string } | { kind: 'site' };

/** Where one logical setting can be given: CLI flags, environment variables (aliases), config keys. */
export interface SettingSpec {
  flags?: string[];
  env?: string[];
  /** Keys of the service's own config file: `ServerApp.token`, `webserver.secret_key`, `disable_token_authorization`. */
  config?: string[];
}

export type Matcher = (value: string) => boolean;

export interface ValueCheck {
  /** Rule id that reports it. */
  rule: string;
  setting: SettingSpec;
  /** 'present' for boolean flags; otherwise a test on the value. */
  when: 'present' | Matcher;
  message: (value: string) => string;
  severity?: 'critical' | 'high' | 'medium' | 'low' | 'info';
  /** The problem is missing authentication: severity then follows exposure. */
  auth?: boolean;
  /** A listen address: only a problem when the network it listens on is reachable. */
  bind?: boolean;
  /** A bare flag (`--allow-root`) means true; a following word is not its value. */
  boolean?: boolean;
}

export interface MissingCheck {
  rule: string;
  /** Reported when none of these settings is given. */
  missing: SettingSpec;
  message: string;
  auth?: boolean;
  /** Only when the service listens beyond loopback (its listen setting, or its default). */
  onlyWhenListening?: boolean;
  /** Only on the head of a cluster (ray start --head / KubeRay head group). */
  onlyHead?: boolean;
}

/** A setting as found: its value and where it was written (analyze.ts maps `where` to a line). */
export interface FoundSetting {
  value: string;
  where: IssueWhere;
}

/** Read access to a service's settings for checks that combine several of them. */
export interface SettingQuery {
  /** The first occurrence (flags, then env, then config); `boolean` for bare flags. */
  get(setting: SettingSpec, boolean?: boolean): FoundSetting | undefined;
  /** Every occurrence of a repeatable flag (`--http-restricted-api` given once per API group), then env, then config. */
  all(setting: SettingSpec): FoundSetting[];
}

/** A check that reads several settings together (Triton: a mode, the endpoints it applies to and their restrictions). */
export interface CombinedCheck {
  rule: string;
  /** The value found is a credential: masked in evidence, hashed into the fingerprint. */
  secret?: boolean;
  /** The problem, where to report it (undefined: the site) and its evidence; undefined when there is none. */
  test(q: SettingQuery): { at?: FoundSetting; message: string; severity?: CombinedCheck['severity'] } | undefined;
  severity?: 'critical' | 'high' | 'medium' | 'low' | 'info';
  auth?: boolean;
  bind?: boolean;
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
  ports: number[];
  /** 'none': the service has no authentication at all; 'optional': off unless configured. */
  auth: 'none' | 'optional';
  /** Where its authentication lives when a deployment file cannot show it (platform/ml-api-exposed says so instead of "authentication configured"). */
  authNote?: string;
  /** The listen-address setting and its default when unset. */
  listen?: { setting: SettingSpec; default: 'all' | 'loopback' };
  checks: Array<ValueCheck | MissingCheck | CombinedCheck>;
}

const ALL_INTERFACES = (v: string) => /^(?:https?:\/\/)?(?:0\.0\.0\.0|\[?::\]?|\*)(?::\d+)?\/?$/.test(v.trim()) || v.trim() === '';
const isAll = (v: string) => v.trim() !== '' && ALL_INTERFACES(v);
const truthy = (v: string) => /^(true|1|yes|on)$/i.test(v.trim());
const empty = (v: string) => v.trim() === '' || v.trim() === "''" || v.trim() === '""' || v.trim() === 'u""' || v.trim() === "u''";
const star = (v: string) => v.split(/[,\s]+/).some((x) => x === '*' || x === '.*' || x === 'http://*' || x === 'https://*');

/** Airflow secret keys that ship in docs/configs or are placeholders. */
const AIRFLOW_DEFAULT_KEYS = new Set(['', 'temporary_key', 'secret', 'changeme', 'change_me', 'airflow', 'secret_key', 'mysecretkey', '{SECRET_KEY}']);

const HUB_AUTH_CLASS: SettingSpec = { config: ['JupyterHub.authenticator_class'], flags: ['--JupyterHub.authenticator_class'] };
/** Authenticators that let anyone in: DummyAuthenticator (any user, any password), tmpauthenticator (no login at all). NullAuthenticator disables login: not open. */
const OPEN_AUTHENTICATOR = /^(?:dummy|tmp|(?:jupyterhub\.auth\.)?DummyAuthenticator|(?:tmpauthenticator\.)?TmpAuthenticator)$/i;
const HUB_SHARED_PASSWORD: SettingSpec = { config: ['DummyAuthenticator.password', 'SharedPasswordAuthenticator.user_password'] };
const HUB_ALLOW_ALL = ['Authenticator.allow_all', 'OAuthenticator.allow_all', ...['GitHub', 'Google', 'GitLab', 'Generic', 'Bitbucket', 'CILogon', 'Auth0', 'AzureAd', 'Globus', 'OpenShift', 'MediaWiki'].map((p) => `${p}OAuthenticator.allow_all`), 'LDAPAuthenticator.allow_all', 'NativeAuthenticator.allow_all', 'PAMAuthenticator.allow_all'];
/** Identity providers where anyone can make an account. */
const PUBLIC_IDP = /^(?:github|google|gitlab|bitbucket|(?:oauthenticator\.(?:github|google|gitlab|bitbucket)\.)?(?:GitHub|Google|GitLab|Bitbucket)OAuthenticator)$/i;

const JUPYTER_APPS = ['ServerApp', 'NotebookApp', 'IdentityProvider', 'LabApp'];
const jup = (key: string) => ({ flags: JUPYTER_APPS.map((a) => `--${a}.${key}`), config: JUPYTER_APPS.map((a) => `${a}.${key}`) });
const JUPYTER_IP: SettingSpec = { flags: ['--ip', ...jup('ip').flags], config: jup('ip').config };

export const SERVICES: ServiceSpec[] = [
  {
    id: 'jupyter', name: 'Jupyter',
    commands: [{ exe: 'jupyter', sub: ['notebook', 'lab', 'server', 'nbclassic'] }, { exe: 'jupyter-lab' }, { exe: 'jupyter-notebook' }, { exe: 'jupyter-server' }, { exe: 'start-notebook.sh' }, { exe: 'start-notebook.py' }, { exe: 'start-singleuser.sh' }, { exe: 'jupyterhub-singleuser' }],
    modules: ['notebook', 'jupyterlab', 'jupyter_server'],
    images: ['jupyter/', 'quay.io/jupyter/', 'kubeflownotebookswg/jupyter', 'jupyterhub/singleuser'],
    ports: [8888], auth: 'optional',
    listen: { setting: JUPYTER_IP, default: 'loopback' },
    checks: [
      { rule: 'platform/jupyter-no-auth', setting: jup('token'), when: empty, auth: true, message: () => 'Jupyter token is set to the empty string: no authentication (unless a password is set)' },
      { rule: 'platform/jupyter-allow-root', boolean: true, setting: { flags: ['--allow-root', ...jup('allow_root').flags], config: jup('allow_root').config, env: [] }, when: (v) => v === '' || truthy(v), message: () => 'Jupyter runs with allow_root: kernels and terminals run as root' },
      { rule: 'platform/jupyter-cors-wildcard', setting: { ...jup('allow_origin') }, when: star, message: (v) => `Jupyter allow_origin is '${v}': any web page can drive the server from a user's browser` },
      { rule: 'platform/jupyter-cors-wildcard', setting: { ...jup('allow_origin_pat') }, when: (v) => v === '.*' || v === '.+' || v === '*', message: (v) => `Jupyter allow_origin_pat is '${v}': any origin is accepted` },
      { rule: 'platform/jupyter-xsrf-disabled', boolean: true, setting: { ...jup('disable_check_xsrf') }, when: (v) => v === '' || truthy(v), message: () => 'Jupyter XSRF checks are disabled (disable_check_xsrf): cross-site requests can open terminals' },
      {
        rule: 'platform/jupyter-all-interfaces', bind: true,
        test: (q) => {
          const ip = q.get(JUPYTER_IP);
          // jupyter_server / notebook turn '*' into '' and bind '' on every interface: an explicitly empty ip is all interfaces too.
          if (!ip || !(isAll(ip.value) || empty(ip.value))) return undefined;
          // An empty token with no password is reported (with exposure) by platform/jupyter-no-auth: one finding, not two.
          const token = q.get(jup('token'));
          if (token && empty(token.value) && !q.get(jup('password'))?.value.trim() && !q.get(jup('hashed_password'))?.value.trim()) return undefined;
          return { at: ip, message: `Jupyter listens on ${empty(ip.value) ? "'' (empty: every interface)" : `'${ip.value.trim()}'`} (all interfaces): the token (or password) is then the only barrier between the network and a shell; brute force, a leaked token URL or a pre-auth CVE gives code execution` };
        },
      },
    ],
  },
  {
    id: 'jupyterhub', name: 'JupyterHub', commands: [{ exe: 'jupyterhub' }], images: ['jupyterhub/k8s-hub', 'jupyterhub/jupyterhub', 'quay.io/jupyterhub/k8s-hub', 'quay.io/jupyterhub/jupyterhub'], ports: [8000, 8081], auth: 'optional',
    checks: [
      {
        rule: 'platform/jupyter-no-auth', auth: true,
        test: (q) => {
          const a = q.get(HUB_AUTH_CLASS);
          if (!a || !OPEN_AUTHENTICATOR.test(a.value.trim())) return undefined;
          if (/tmp/i.test(a.value)) return { at: a, message: `JupyterHub uses tmpauthenticator ('${a.value.trim()}'): every visitor gets an account and a server without logging in` };
          // A DummyAuthenticator with a password is a shared password: reported by platform/jupyterhub-shared-password.
          if (q.get(HUB_SHARED_PASSWORD)?.value.trim()) return undefined;
          return { at: a, message: `JupyterHub uses the DummyAuthenticator ('${a.value.trim()}'): any user name and any password log in` };
        },
      },
      {
        rule: 'platform/jupyterhub-shared-password', auth: true, secret: true,
        test: (q) => {
          const p = q.get(HUB_SHARED_PASSWORD);
          if (!p || !p.value.trim()) return undefined;
          return { at: p, message: `JupyterHub ${p.where.kind === 'config' ? p.where.key : 'authenticator password'} is one password shared by every user: any user name logs in with it, and it sits in the configuration in clear text` };
        },
      },
      {
        rule: 'platform/jupyterhub-allow-all', auth: true,
        test: (q) => {
          const a = q.get({ config: HUB_ALLOW_ALL });
          if (!a || !truthy(a.value)) return undefined;
          const cls = q.get(HUB_AUTH_CLASS)?.value.trim() ?? '';
          if (OPEN_AUTHENTICATOR.test(cls)) return undefined; // reported as no authentication
          const pub = PUBLIC_IDP.test(cls);
          return { at: a, ...(pub ? { severity: 'high' as const } : {}), message: `JupyterHub ${a.where.kind === 'config' ? a.where.key : 'allow_all'} is true: every identity the authenticator accepts gets a server${pub ? ` — with ${cls} that is any account on a public identity provider` : ''}` };
        },
      },
      { rule: 'platform/jupyterhub-admin-access', setting: { config: ['JupyterHub.admin_access'], flags: ['--JupyterHub.admin_access'] }, when: truthy, message: () => "JupyterHub admin_access is on: admins can open every user's server — its kernels, files, tokens and cloud credentials" },
      { rule: 'platform/jupyterhub-singleuser-root', setting: { config: ['KubeSpawner.uid', 'Spawner.uid', 'DockerSpawner.uid'] }, when: (v) => v.trim() === '0', message: () => 'JupyterHub starts user servers as uid 0 (root): every notebook user is root in a pod that may hold GPUs, mounted datasets and credentials' },
      { rule: 'platform/jupyterhub-singleuser-root', setting: { config: ['KubeSpawner.allow_privilege_escalation'] }, when: truthy, message: () => 'JupyterHub user pods allow privilege escalation (setuid / sudo inside the notebook container)' },
      { rule: 'platform/jupyterhub-singleuser-root', setting: { config: ['KubeSpawner.environment.GRANT_SUDO', 'Spawner.environment.GRANT_SUDO'] }, when: (v) => /^(yes|true|1|on)$/i.test(v.trim()), message: () => 'JupyterHub user servers get GRANT_SUDO: every notebook user can become root in the container' },
      {
        rule: 'platform/jupyterhub-proxy-no-https', severity: 'high',
        test: (q) => {
          const type = q.get({ config: ['proxy.service.type'] });
          if (!type || !/^(LoadBalancer|NodePort)$/.test(type.value.trim())) return undefined;
          if (truthy(q.get({ config: ['proxy.https.enabled'] })?.value ?? '') || truthy(q.get({ config: ['ingress.enabled'] })?.value ?? '')) return undefined;
          return { at: type, message: `JupyterHub proxy Service is ${type.value.trim()} without proxy.https.enabled (and no chart Ingress): logins, tokens and notebook traffic cross the network in clear text` };
        },
      },
    ],
  },
  {
    id: 'mlflow', name: 'MLflow',
    commands: [{ exe: 'mlflow', sub: ['server', 'ui'] }], modules: ['mlflow'], images: ['ghcr.io/mlflow/mlflow', 'bitnami/mlflow', 'mlflow/mlflow'],
    ports: [5000], auth: 'optional',
    listen: { setting: { flags: ['--host', '-h'], env: ['MLFLOW_HOST'] }, default: 'loopback' },
    checks: [
      {
        rule: 'platform/mlflow-no-auth', auth: true,
        test: (q) => {
          if (!mlflowListens(q) || q.get(MLFLOW_APP_NAME)) return undefined;
          // --artifacts-only disables the tracking API: what is left is the artifact proxy (platform/mlflow-artifact-proxy-no-auth).
          if (mlflowArtifactsOnly(q)) return undefined;
          return { message: 'MLflow tracking server listens beyond localhost without `--app-name basic-auth`: experiments, registered models and artifacts are readable and writable by anyone who reaches it' };
        },
      },
      {
        rule: 'platform/mlflow-artifact-proxy-no-auth', auth: true,
        test: (q) => {
          if (!mlflowListens(q) || q.get(MLFLOW_APP_NAME)) return undefined;
          if (!mlflowServesArtifacts(q)) return undefined;
          const only = mlflowArtifactsOnly(q);
          const dest = q.get({ flags: ['--artifacts-destination'], env: ['MLFLOW_ARTIFACTS_DESTINATION'] });
          // The proxy with its default destination (./mlartifacts on the server's disk) is covered by platform/mlflow-no-auth.
          if (!only && !dest?.value.trim()) return undefined;
          const scheme = dest ? CLOUD_STORE.exec(dest.value.trim())?.[1].toLowerCase() : undefined;
          const cloud = scheme ? [scheme, CLOUD_NAMES[scheme] ?? scheme] : null;
          const where = dest?.value.trim() ? `'${dest.value.trim()}'` : 'its artifact store';
          return {
            at: dest?.value.trim() ? dest : only,
            message: `MLflow ${only ? 'artifact server (--artifacts-only)' : 'tracking server'} proxies artifact upload, download, list and delete to ${where}${cloud ? ` with the server's own ${cloud[1]} credentials` : ''}, without \`--app-name basic-auth\`: anyone who reaches it replaces model files (model poisoning), deletes them or reads every logged artifact`,
          };
        },
      },
      { rule: 'platform/mlflow-default-admin-password', setting: { config: ['mlflow.admin_password'], env: ['MLFLOW_TRACKING_PASSWORD', 'MLFLOW_AUTH_ADMIN_PASSWORD'] }, when: (v) => v.trim() === 'password1234', message: () => 'MLflow basic-auth admin password is the shipped default `password1234`' },
      { rule: 'platform/mlflow-cors-wildcard', setting: { flags: ['--allowed-hosts', '--cors-allowed-origins'], env: ['MLFLOW_SERVER_ALLOWED_HOSTS', 'MLFLOW_SERVER_CORS_ALLOWED_ORIGINS'] }, when: star, message: (v) => `MLflow allows any host/origin ('${v}'): DNS-rebinding and cross-origin requests reach the API` },
      { rule: 'platform/mlflow-cors-wildcard', boolean: true, setting: { flags: ['--disable-security-middleware'], env: ['MLFLOW_SERVER_DISABLE_SECURITY_MIDDLEWARE'] }, when: (v) => v === '' || truthy(v), message: () => 'MLflow security middleware (host and CORS checks) is disabled' },
    ],
  },
  {
    id: 'ray', name: 'Ray', commands: [{ exe: 'ray', sub: ['start'] }, { exe: 'serve', sub: ['run', 'deploy'] }], images: ['rayproject/ray', 'anyscale/ray'],
    ports: [8265, 10001, 6379, 8000], auth: 'optional',
    listen: { setting: { flags: ['--dashboard-host'], env: ['RAY_DASHBOARD_HOST'] }, default: 'loopback' },
    checks: [
      { rule: 'platform/ray-dashboard-all-interfaces', setting: { flags: ['--dashboard-host'], env: ['RAY_DASHBOARD_HOST'] }, when: isAll, bind: true, auth: true, message: (v) => `Ray dashboard (and its Jobs API) listens on ${v}: submitting a job there runs code on the cluster` },
      { rule: 'platform/ray-token-auth-off', missing: { env: ['RAY_AUTH_MODE'] }, onlyHead: true, auth: true, message: 'Ray head node runs without token authentication (RAY_AUTH_MODE=token unset): dashboard, Jobs API and client port accept anyone' },
      { rule: 'platform/ray-token-auth-off', setting: { env: ['RAY_AUTH_MODE'] }, when: (v) => v.trim().toLowerCase() !== 'token', auth: true, message: (v) => `Ray RAY_AUTH_MODE is '${v}': token authentication is off` },
    ],
  },
  {
    id: 'airflow', name: 'Airflow', commands: [{ exe: 'airflow', sub: ['webserver', 'api-server', 'scheduler', 'standalone', 'worker', 'triggerer', 'dag-processor'] }],
    images: ['apache/airflow', 'bitnami/airflow'], envPrefixes: ['AIRFLOW__'], ports: [8080], auth: 'optional',
    checks: [
      { rule: 'platform/airflow-default-secret-key', setting: { env: ['AIRFLOW__WEBSERVER__SECRET_KEY', 'AIRFLOW__API__SECRET_KEY'], config: ['webserver.secret_key', 'api.secret_key'] }, when: (v) => AIRFLOW_DEFAULT_KEYS.has(v.trim()), message: (v) => `Airflow secret_key is ${v.trim() ? `the well-known value '${v.trim()}'` : 'empty'}: session cookies can be forged` },
      { rule: 'platform/airflow-empty-fernet-key', setting: { env: ['AIRFLOW__CORE__FERNET_KEY'], config: ['core.fernet_key'] }, when: (v) => v.trim() === '', message: () => 'Airflow fernet_key is empty: connection passwords and variables are stored unencrypted in the metadata database' },
      { rule: 'platform/airflow-expose-config', setting: { env: ['AIRFLOW__WEBSERVER__EXPOSE_CONFIG', 'AIRFLOW__API__EXPOSE_CONFIG'], config: ['webserver.expose_config', 'api.expose_config'] }, when: truthy, message: () => 'Airflow expose_config is on: the UI/API shows the full configuration, including secrets and connection strings' },
      { rule: 'platform/airflow-open-auth-backend', setting: { env: ['AIRFLOW__API__AUTH_BACKENDS', 'AIRFLOW__API__AUTH_BACKEND'], config: ['api.auth_backends', 'api.auth_backend'] }, when: (v) => /airflow\.api\.auth\.backend\.default\b/.test(v), auth: true, message: () => 'Airflow API auth backend `airflow.api.auth.backend.default` allows every request without authentication' },
      { rule: 'platform/airflow-open-auth-backend', setting: { env: ['_AIRFLOW_WWW_USER_PASSWORD'] }, when: (v) => ['airflow', 'admin', 'password'].includes(v.trim()), auth: true, message: (v) => `Airflow admin user is created with the default password '${v.trim()}'` },
    ],
  },
  {
    id: 'torchserve', name: 'TorchServe', commands: [{ exe: 'torchserve' }], images: ['pytorch/torchserve'], envPrefixes: ['TS_'], ports: [8080, 8081, 8082, 7070, 7071], auth: 'optional',
    checks: [
      { rule: 'platform/torchserve-management-exposed', setting: { env: ['TS_MANAGEMENT_ADDRESS'], config: ['management_address'] }, when: isAll, bind: true, severity: 'high', message: (v) => `TorchServe management API binds ${v}: models can be registered and deleted from the network (ShellTorch)` },
      { rule: 'platform/torchserve-management-exposed', setting: { env: ['TS_METRICS_ADDRESS'], config: ['metrics_address'] }, when: isAll, bind: true, severity: 'low', message: (v) => `TorchServe metrics API binds ${v}` },
      { rule: 'platform/torchserve-token-auth-disabled', boolean: true, setting: { flags: ['--disable-token-auth'], env: ['TS_DISABLE_TOKEN_AUTHORIZATION'], config: ['disable_token_authorization'] }, when: (v) => v === '' || truthy(v), auth: true, message: () => 'TorchServe token authorization is disabled: inference and management APIs accept anyone' },
      { rule: 'platform/torchserve-model-api-enabled', boolean: true, setting: { flags: ['--enable-model-api'], env: ['TS_ENABLE_MODEL_API'], config: ['enable_model_api'] }, when: (v) => v === '' || truthy(v), message: () => 'TorchServe model registration API is enabled: anyone with management access loads a .mar (arbitrary code)' },
      { rule: 'platform/torchserve-allowed-urls-broad', setting: { env: ['TS_ALLOWED_URLS'], config: ['allowed_urls'] }, when: (v) => /(^|,)\s*(?:\.\*|https?:\/\/\.\*|\(https\?\)\?:\/\/\.\*|file:\/\/\.\*)/.test(v) || v.includes('://.*'), message: (v) => `TorchServe allowed_urls '${v}' lets models be fetched from any URL (SSRF, CVE-2023-43654)` },
    ],
  },
  {
    id: 'triton', name: 'Triton Inference Server', commands: [{ exe: 'tritonserver' }], images: ['nvcr.io/nvidia/tritonserver'], ports: [8000, 8001, 8002], auth: 'none',
    listen: { setting: { flags: ['--http-address'] }, default: 'all' },
    checks: [
      {
        rule: 'platform/triton-explicit-model-control', auth: true,
        test: (q) => {
          const mode = q.get({ flags: ['--model-control-mode'] });
          if (!mode || mode.value.trim().toLowerCase() !== 'explicit') return undefined;
          const open = tritonOpenEndpoints(q, 'model-repository');
          if (!open.length) return undefined;
          return { at: mode, message: `Triton runs with --model-control-mode=explicit and the ${open.join(' and ')} model-repository API is not restricted (${open.map((e) => (e === 'HTTP' ? '--http-restricted-api' : '--grpc-restricted-protocol')).join(' / ')} model-repository:<header>=<secret>): anyone who reaches the port loads and unloads models (model load is code execution via the Python backend; CVE-2023-31036 path traversal)` };
        },
      },
      { rule: 'platform/triton-poll-model-repository', setting: { flags: ['--model-control-mode'] }, when: (v) => v.trim().toLowerCase() === 'poll', message: () => 'Triton runs with --model-control-mode=poll: whatever appears in the model repository (volume, bucket) is loaded without a request, and loading a model runs its code (Python backend); NVIDIA does not recommend POLL mode in production' },
      {
        rule: 'platform/triton-metrics-all-interfaces', bind: true, severity: 'low',
        test: (q) => {
          if (tritonOff(q.get({ flags: ['--allow-metrics'] }))) return undefined;
          // --metrics-address defaults to --http-address, which defaults to 0.0.0.0.
          const metrics = q.get({ flags: ['--metrics-address'] });
          const http = q.get({ flags: ['--http-address'] });
          const addr = metrics ?? http;
          if (addr && !isAll(addr.value)) return undefined;
          return { ...(addr ? { at: addr } : {}), message: `Triton metrics endpoint (port 8002) listens on ${addr ? addr.value : 'all interfaces (default)'}: per-model request counts, latencies, GPU utilisation and memory are readable by anyone who reaches it` };
        },
      },
    ],
  },
  {
    id: 'vllm', name: 'vLLM', commands: [{ exe: 'vllm', sub: ['serve'] }], modules: ['vllm.entrypoints.openai.api_server', 'vllm.entrypoints.api_server'], images: ['vllm/vllm-openai', 'vllm/vllm'],
    ports: [8000], auth: 'optional',
    checks: [
      { rule: 'platform/vllm-no-api-key', missing: { flags: ['--api-key'], env: ['VLLM_API_KEY'] }, auth: true, message: 'vLLM OpenAI-compatible server runs without --api-key / VLLM_API_KEY: anyone who reaches it can use (and exhaust) the GPUs' },
    ],
  },
  { id: 'tgi', name: 'Text Generation Inference', commands: [{ exe: 'text-generation-launcher' }], images: ['huggingface/text-generation-inference'], ports: [80, 8080, 3000], auth: 'none', checks: [] },
  { id: 'sglang', name: 'SGLang', modules: ['sglang.launch_server'], images: ['lmsysorg/sglang'], ports: [30000], auth: 'optional', checks: [] },
  {
    id: 'ollama', name: 'Ollama', commands: [{ exe: 'ollama', sub: ['serve'] }], images: ['ollama/ollama'], envPrefixes: ['OLLAMA_'], ports: [11434], auth: 'none',
    checks: [
      { rule: 'platform/ollama-all-interfaces', setting: { env: ['OLLAMA_HOST'] }, when: isAll, bind: true, auth: true, message: (v) => `Ollama listens on ${v}; Ollama has no authentication: anyone who reaches it can pull, run and delete models` },
      { rule: 'platform/ollama-origins-wildcard', setting: { env: ['OLLAMA_ORIGINS'] }, when: star, message: (v) => `Ollama OLLAMA_ORIGINS='${v}': any web page can call the API from a user's browser` },
    ],
  },
  { id: 'tf-serving', name: 'TensorFlow Serving', commands: [{ exe: 'tensorflow_model_server' }], images: ['tensorflow/serving'], ports: [8500, 8501], auth: 'none', checks: [] },
  { id: 'kserve', name: 'KServe model server', images: ['kserve/', 'docker.io/kserve/'], ports: [8080, 8081], auth: 'none', checks: [] },
  {
    id: 'gradio', name: 'Gradio', images: [], envPrefixes: ['GRADIO_'], ports: [7860], auth: 'optional',
    authNote: 'Gradio login, if any, is set in the application code (launch(auth=...) / auth_dependency): not visible here',
    listen: { setting: { env: ['GRADIO_SERVER_NAME'] }, default: 'loopback' },
    checks: [
      { rule: 'platform/gradio-share', setting: { env: ['GRADIO_SHARE'] }, when: truthy, message: () => 'GRADIO_SHARE is on: the app is published through a public *.gradio.live tunnel, bypassing every network control' },
      { rule: 'platform/gradio-all-interfaces', setting: { env: ['GRADIO_SERVER_NAME'] }, when: isAll, bind: true, message: (v) => `GRADIO_SERVER_NAME=${v.trim()}: the Gradio app listens on all interfaces, and Gradio has no login unless the code passes auth= to launch() (or mounts it behind an auth_dependency)` },
    ],
  },
  { id: 'tensorboard', name: 'TensorBoard', commands: [{ exe: 'tensorboard' }], modules: ['tensorboard.main'], ports: [6006], auth: 'none', checks: [] },
  { id: 'comfyui', name: 'ComfyUI', images: ['comfyui'], ports: [8188], auth: 'none', checks: [] },
  {
    // The API server does no authentication itself: in multi-user mode it trusts the identity header
    // (kubeflow-userid) that the Istio gateway + oauth2-proxy/dex set, so a path around the gateway is unauthenticated too.
    id: 'kfp-api-server', name: 'Kubeflow Pipelines API server', images: ['ml-pipeline/api-server', 'kubeflow/kfp-api-server'], ports: [8888, 8887], auth: 'none',
    checks: [
      {
        rule: 'platform/kfp-single-user', auth: true,
        test: (q) => {
          const multi = q.get({ env: ['MULTIUSER'] });
          if (multi && truthy(multi.value)) return undefined;
          // The multi-user overlay sets MULTIUSER through an envFrom ConfigMap and the identity header literally:
          // a header without a visible MULTIUSER is an overlay whose ConfigMap is not in this stream.
          if (!multi && q.get({ env: ['KUBEFLOW_USERID_HEADER'] })) return undefined;
          return {
            ...(multi ? { at: multi } : {}),
            message: `Kubeflow Pipelines API server runs in single-user mode (${multi ? `MULTIUSER=${multi.value.trim()}` : 'MULTIUSER unset'}): it has no notion of users, so every client that reaches it uploads pipelines and creates runs — arbitrary containers in the cluster with the pipeline runner's service account — and reads every artifact`,
          };
        },
      },
    ],
  },
  {
    id: 'kfp-ui', name: 'Kubeflow Pipelines UI', images: ['ml-pipeline/frontend', 'kubeflow/kfp-frontend'], ports: [3000], auth: 'none',
    checks: [
      { rule: 'platform/kfp-custom-visualizations', setting: { env: ['ALLOW_CUSTOM_VISUALIZATIONS'] }, when: truthy, message: () => 'Kubeflow Pipelines UI has ALLOW_CUSTOM_VISUALIZATIONS=true: anyone who can use the UI submits Python source that the visualization server executes (code execution in the cluster, with that pod\'s service account and network)' },
    ],
  },
  { id: 'kubeflow-ui', name: 'Kubeflow central dashboard', images: ['centraldashboard', 'kubeflow/centraldashboard'], ports: [8082], auth: 'none', checks: [] },
  { id: 'dcgm-exporter', name: 'DCGM exporter', images: ['nvidia/k8s/dcgm-exporter'], ports: [9400], auth: 'none', checks: [] },
];

const MLFLOW_HOST: SettingSpec = { flags: ['--host', '-h'], env: ['MLFLOW_HOST'] };
const MLFLOW_APP_NAME: SettingSpec = { flags: ['--app-name'] };
/** Remote artifact stores the server reaches with its own credentials (scheme -> provider named in the message). */
const CLOUD_STORE = /^(s3|gs|wasbs?|abfss?|oss|hdfs|viewfs|dbfs|ftp|sftp):/i;
const CLOUD_NAMES: Record<string, string> = { s3: 'S3', gs: 'GCS', wasb: 'Azure Blob', wasbs: 'Azure Blob', abfs: 'Azure Data Lake', abfss: 'Azure Data Lake', oss: 'Alibaba OSS', hdfs: 'HDFS', viewfs: 'HDFS', dbfs: 'Databricks', ftp: 'FTP', sftp: 'SFTP' };

/** `mlflow server` listens beyond loopback (its default host is 127.0.0.1). */
function mlflowListens(q: SettingQuery): boolean {
  const h = q.get(MLFLOW_HOST)?.value.trim();
  return h !== undefined && h !== '' && !LOOPBACK_ADDR.test(h);
}

/** Artifact proxying is on by default since MLflow 2.0; `--no-serve-artifacts` or MLFLOW_SERVE_ARTIFACTS=false turns it off (the flag wins over the env). */
function mlflowServesArtifacts(q: SettingQuery): boolean {
  if (q.get({ flags: ['--serve-artifacts'] }, true)) return true;
  if (q.get({ flags: ['--no-serve-artifacts'] }, true)) return false;
  const env = q.get({ env: ['MLFLOW_SERVE_ARTIFACTS'] });
  return !(env && /^(false|0|no|off|f|n)$/i.test(env.value.trim()));
}

/** `--artifacts-only` (or MLFLOW_ARTIFACTS_ONLY): only the artifact proxy endpoints are served. */
function mlflowArtifactsOnly(q: SettingQuery): FoundSetting | undefined {
  const f = q.get({ flags: ['--artifacts-only'], env: ['MLFLOW_ARTIFACTS_ONLY'] }, true);
  if (!f) return undefined;
  return f.where.kind === 'arg' || truthy(f.value) ? f : undefined;
}

const tritonOff = (f: FoundSetting | undefined) => f !== undefined && /^(false|off|0|no)$/i.test(f.value.trim());
const LOOPBACK_ADDR = /^(?:127\.\d+\.\d+\.\d+|localhost|\[?::1\]?)$/i;

/** `--http-restricted-api=<apis>:<key>=<value>` (help text: `<apis>,<key>=<value>`) restricts `api` behind a non-empty header value. */
export function tritonRestricts(values: FoundSetting[], api: string): boolean {
  return values.some((f) => {
    const eq = f.value.indexOf('=');
    if (eq < 0 || f.value.slice(eq + 1).trim() === '') return false;
    const parts = f.value.slice(0, eq).split(/[,:]/).map((x) => x.trim());
    return parts.length >= 2 && parts.slice(0, -1).includes(api);
  });
}

/** Triton endpoints (HTTP, gRPC) that are enabled, listen beyond loopback and leave `api` unrestricted. */
export function tritonOpenEndpoints(q: SettingQuery, api: string): string[] {
  const open: string[] = [];
  const endpoints = [
    { name: 'HTTP', allow: '--allow-http', address: '--http-address', restrict: '--http-restricted-api' },
    { name: 'gRPC', allow: '--allow-grpc', address: '--grpc-address', restrict: '--grpc-restricted-protocol' },
  ];
  for (const e of endpoints) {
    if (tritonOff(q.get({ flags: [e.allow] }))) continue;
    const addr = q.get({ flags: [e.address] });
    if (addr && LOOPBACK_ADDR.test(addr.value.trim())) continue;
    if (!tritonRestricts(q.all({ flags: [e.restrict] }), api)) open.push(e.name);
  }
  return open;
}

/** `--trust-remote-code` applies to any Hugging Face-based server (vLLM, TGI, SGLang, lmdeploy, ...). */
export const TRUST_REMOTE_CODE: SettingSpec = { flags: ['--trust-remote-code', '--trust_remote_code'], env: ['TRUST_REMOTE_CODE', 'HF_TRUST_REMOTE_CODE', 'VLLM_TRUST_REMOTE_CODE'] };

export function serviceById(id: string): ServiceSpec | undefined {
  return SERVICES.find((s) => s.id === id);
}
