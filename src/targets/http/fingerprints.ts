// What each ML service looks like from the network, and what to ask it. Every identification is two
// features: a path AND a marker in the body or headers (never a port alone — ports are only hints
// for which hosts to try). Every check is a read-only request (list/describe) whose success proves
// the write path behind it is open without using it. Paths, bodies and auth behaviour come from the
// services' own source and docs (links in each entry); adding a service is adding an entry.
import type { Severity } from '../../core/types.js';
import type { Marker } from './match.js';
import { encodeMessage } from '../../io/protobuf.js';
import type { ReplyField } from './grpc.js';

export type ObservationKind =
  | 'sensitive-api'
  | 'inference'
  | 'model-listing'
  | 'metrics'
  | 'app'
  | 'default-credentials'
  | 'plaintext'
  | 'tls'
  | 'cors'
  | 'verbose-error'
  | 'logprobs'
  | 'rate-limit'
  | 'size-limit'
  | 'advisory'
  | 'ray-grpc';

export interface IdentifyProbe {
  path: string;
  marker: Marker;
  /** 'open': the probe itself answered without credentials; 'required': it proves auth is on. */
  auth: 'open' | 'required';
}

export interface Check {
  id: string;
  kind: ObservationKind;
  path: string;
  marker: Marker;
  severity: Severity;
  /** What the open endpoint lets an attacker do. */
  message: string;
  /** Only on this scheme (kubelet: the read-only port is plain HTTP, the full API is HTTPS). */
  scheme?: 'http' | 'https';
}

export interface VersionSource {
  path: string;
  /** JSON path of the version; absent: the whole trimmed body when it looks like a version. */
  json?: string;
}

export interface DefaultCredential {
  username: string;
  password: string;
  path: string;
  marker: Marker;
  /** Where the default is documented. */
  source: string;
}

/**
 * A read-only request that the service's API only accepts as a POST (so it is sent only with
 * --active): one small JSON body, a marker that proves the API answered.
 */
export interface ActivePost extends Check {
  body: string;
  /** What is left unverified without --active (shown in the inventory and the service's findings). */
  skipped: string;
}

export interface ServiceFingerprint {
  id: string;
  name: string;
  /** For the advisory lookup (ecosystem names as OSV spells them). */
  package?: { ecosystem: string; name: string };
  /**
   * When one API is served by different packages across versions (classic Notebook 4-6 and
   * jupyter_server both answer GET /api), the version's major number picks the package to match.
   */
  packageByMajor?: Array<{ majors: [number, number]; package: { ecosystem: string; name: string } }>;
  /** Well-known ports: which ports a bare host expands to. Never evidence. */
  ports: number[];
  identify: IdentifyProbe[];
  version?: VersionSource[];
  checks?: Check[];
  defaultCredentials?: DefaultCredential[];
  /** Services this one is a more specific form of (vLLM over a generic OpenAI-compatible server). */
  supersedes?: string[];
  /** For --active: where one oversized request body is sent, and where a burst of GETs goes. */
  active?: { bodyPath?: string; burstPath?: string; openAI?: boolean; posts?: ActivePost[] };
  docs: string;
}

const PROM_TEXT = { header: { 'content-type': 'text/plain' } };

export const SERVICES: ServiceFingerprint[] = [
  {
    id: 'mlflow',
    name: 'MLflow tracking server',
    package: { ecosystem: 'PyPI', name: 'mlflow' },
    ports: [5000, 5001],
    docs: 'https://mlflow.org/docs/latest/rest-api.html',
    identify: [
      { path: '/api/2.0/mlflow/experiments/search?max_results=1', marker: { jsonHas: ['experiments'] }, auth: 'open' },
      // mlflow.server.auth answers unauthenticated requests with a Basic challenge for realm "mlflow".
      { path: '/api/2.0/mlflow/experiments/search?max_results=1', marker: { status: 401, header: { 'www-authenticate': 'realm="mlflow"' } }, auth: 'required' },
      { path: '/', marker: { bodyIncludes: ['<title>MLflow</title>'] }, auth: 'open' },
    ],
    version: [{ path: '/version' }],
    checks: [
      {
        id: 'mlflow-tracking-api',
        kind: 'sensitive-api',
        path: '/api/2.0/mlflow/experiments/search?max_results=1',
        marker: { jsonHas: ['experiments'] },
        severity: 'high',
        message: 'MLflow tracking API answers without authentication: anyone can read and overwrite experiments, runs, parameters and metrics, and register models',
      },
      {
        id: 'mlflow-artifact-proxy',
        kind: 'sensitive-api',
        path: '/api/2.0/mlflow-artifacts/artifacts',
        marker: { header: { 'content-type': 'application/json' } },
        severity: 'high',
        message: 'MLflow artifact proxy lists and serves artifact files without authentication: models can be downloaded or replaced (a replaced pickle runs code wherever it is loaded)',
      },
      {
        id: 'mlflow-model-registry',
        kind: 'model-listing',
        path: '/api/2.0/mlflow/registered-models/search?max_results=1',
        marker: { header: { 'content-type': 'application/json' } },
        severity: 'low',
        message: 'MLflow model registry is listable without authentication',
      },
    ],
    defaultCredentials: [
      {
        username: 'admin',
        password: 'password1234',
        path: '/api/2.0/mlflow/experiments/search?max_results=1',
        marker: { jsonHas: ['experiments'] },
        source: 'https://mlflow.org/docs/latest/auth/index.html',
      },
    ],
  },
  {
    id: 'ray',
    name: 'Ray dashboard',
    package: { ecosystem: 'PyPI', name: 'ray' },
    ports: [8265],
    docs: 'https://docs.ray.io/en/latest/cluster/running-applications/job-submission/rest.html',
    // ray-project/ray python/ray/dashboard/modules/job/job_head.py (GET /api/version, GET /api/jobs/);
    // python/ray/_private/authentication/http_token_authentication.py (RAY_AUTH_MODE=token, Ray >= 2.52:
    // every dashboard request without a token gets 401 with this exact text body).
    identify: [
      { path: '/api/version', marker: { jsonHas: ['ray_version', 'version'] }, auth: 'open' },
      { path: '/api/version', marker: { status: 401, bodyIs: 'Unauthorized: Missing authentication token' }, auth: 'required' },
    ],
    version: [{ path: '/api/version', json: 'ray_version' }],
    checks: [
      {
        id: 'ray-jobs-api',
        kind: 'sensitive-api',
        path: '/api/jobs/',
        marker: { jsonArray: true },
        severity: 'critical',
        message: 'Ray Jobs API answers without authentication: anyone can submit a job, which runs arbitrary code on the cluster (ShadowRay, CVE-2023-48022)',
      },
    ],
    active: { burstPath: '/api/version' },
  },
  {
    id: 'jupyter-server',
    name: 'Jupyter Server / Notebook',
    package: { ecosystem: 'PyPI', name: 'jupyter-server' },
    // Notebook 7 runs on jupyter_server (0.x-2.x so far) and /api reports that version; classic
    // Notebook 4.x-6.x served the same API itself and reports its own version.
    packageByMajor: [{ majors: [4, 6], package: { ecosystem: 'PyPI', name: 'notebook' } }],
    ports: [8888, 8889],
    docs: 'https://jupyter-server.readthedocs.io/en/latest/developers/rest-api.html',
    // GET /api is deliberately public in jupyter_server and notebook: it reports the version only.
    identify: [
      { path: '/api', marker: { jsonHas: ['version'], header: { server: 'TornadoServer' } }, auth: 'open' },
      { path: '/api/kernels', marker: { status: 403, header: { server: 'TornadoServer' } }, auth: 'required' },
    ],
    version: [{ path: '/api', json: 'version' }],
    checks: [
      {
        id: 'jupyter-kernels',
        kind: 'sensitive-api',
        path: '/api/kernels',
        marker: { jsonArray: true },
        severity: 'critical',
        message: 'Jupyter kernels API answers without a token: anyone can start a kernel and run arbitrary code as the server user',
      },
      {
        id: 'jupyter-terminals',
        kind: 'sensitive-api',
        path: '/api/terminals',
        marker: { jsonArray: true },
        severity: 'critical',
        message: 'Jupyter terminals API answers without a token: anyone can open a shell on the server',
      },
      {
        id: 'jupyter-contents',
        kind: 'sensitive-api',
        path: '/api/contents',
        marker: { jsonHas: ['type', 'content'] },
        severity: 'high',
        message: 'Jupyter contents API answers without a token: anyone can read and write files under the server root',
      },
    ],
  },
  {
    id: 'jupyterlab',
    name: 'JupyterLab',
    package: { ecosystem: 'PyPI', name: 'jupyterlab' },
    ports: [8888],
    docs: 'https://jupyterlab.readthedocs.io/en/latest/',
    identify: [{ path: '/lab', marker: { bodyIncludes: ['jupyter-config-data', 'JupyterLab'] }, auth: 'open' }],
  },
  {
    id: 'jupyterhub',
    name: 'JupyterHub',
    package: { ecosystem: 'PyPI', name: 'jupyterhub' },
    ports: [8000, 8081],
    docs: 'https://jupyterhub.readthedocs.io/en/stable/reference/rest-api.html',
    identify: [
      { path: '/hub/api', marker: { jsonHas: ['version'], header: { server: 'TornadoServer' } }, auth: 'open' },
      { path: '/hub/api/users', marker: { status: 403, header: { server: 'TornadoServer' } }, auth: 'required' },
    ],
    version: [{ path: '/hub/api', json: 'version' }],
    checks: [
      {
        id: 'jupyterhub-users',
        kind: 'sensitive-api',
        path: '/hub/api/users',
        marker: { jsonArray: true },
        severity: 'critical',
        message: 'JupyterHub users API answers without a token: anyone can list users and start or reach their servers',
      },
    ],
  },
  {
    id: 'torchserve',
    name: 'TorchServe',
    package: { ecosystem: 'PyPI', name: 'torchserve' },
    ports: [8080, 8081],
    docs: 'https://pytorch.org/serve/management_api.html',
    identify: [
      { path: '/api-description', marker: { jsonHas: ['openapi', 'info/title'], jsonContains: { 'info/title': 'TorchServe' } }, auth: 'open' },
      { path: '/ping', marker: { jsonEq: { status: 'Healthy' } }, auth: 'open' },
      // pytorch/serve frontend/server/src/main/java/org/pytorch/serve/http/TokenAuthorizationHandler.java:
      // token authorization (default on since 0.12) throws InvalidKeyException -> HTTP 400. The text is
      // "Token Authorization failed..." when the header is missing or wrong (>= 0.11), and "Token
      // Authentication failed..." in the 0.10 plugin. ServerInitializer puts ApiDescriptionRequestHandler
      // before the token handler, so /api-description still answers (and identifies) with auth on.
      { path: '/models', marker: { status: 400, bodyIncludes: ['Token Authorization failed'] }, auth: 'required' },
      { path: '/models', marker: { status: 400, bodyIncludes: ['Token Authentication failed'] }, auth: 'required' },
    ],
    version: [{ path: '/api-description', json: 'info/version' }],
    checks: [
      {
        id: 'torchserve-management',
        kind: 'sensitive-api',
        path: '/models',
        marker: { jsonHas: ['models'] },
        severity: 'critical',
        message: 'TorchServe management API answers without a token: anyone can register a model from any URL (ShellTorch, CVE-2023-43654), scale workers or unregister models',
      },
      {
        id: 'torchserve-model-list',
        kind: 'model-listing',
        path: '/models',
        marker: { jsonHas: ['models'] },
        severity: 'low',
        message: 'TorchServe lists its registered models without authentication',
      },
    ],
  },
  {
    id: 'torchserve-metrics',
    name: 'TorchServe metrics',
    ports: [8082],
    docs: 'https://pytorch.org/serve/metrics_api.html',
    identify: [{ path: '/metrics', marker: { bodyIncludes: ['# TYPE ts_'], ...PROM_TEXT }, auth: 'open' }],
    checks: [{ id: 'torchserve-metrics', kind: 'metrics', path: '/metrics', marker: { bodyIncludes: ['# TYPE ts_'] }, severity: 'low', message: 'TorchServe metrics are readable without authentication (model names, request volumes, latencies)' }],
  },
  {
    id: 'triton',
    name: 'NVIDIA Triton Inference Server',
    ports: [8000],
    docs: 'https://github.com/triton-inference-server/server/blob/main/docs/protocol/extension_model_repository.md',
    identify: [{ path: '/v2', marker: { jsonEq: { name: 'triton' }, jsonHas: ['version', 'extensions'] }, auth: 'open' }],
    version: [{ path: '/v2', json: 'version' }],
    supersedes: ['kserve'],
    checks: [
      {
        id: 'triton-model-stats',
        kind: 'model-listing',
        path: '/v2/models/stats',
        marker: { jsonHas: ['model_stats'] },
        severity: 'low',
        message: 'Triton lists every loaded model and version, with usage statistics, without authentication',
      },
      {
        id: 'triton-inference',
        kind: 'inference',
        path: '/v2/models/stats',
        marker: { jsonHas: ['model_stats'] },
        severity: 'medium',
        message: 'Triton inference endpoints (POST /v2/models/{model}/infer) have no authentication in front of them',
      },
    ],
    active: {
      bodyPath: '/v2/models/mlwarden-probe/infer',
      burstPath: '/v2/health/ready',
      // docs/protocol/extension_model_repository.md: POST /v2/repository/index lists every model in the
      // repository (loaded or not). It is the read-only member of the model-repository API whose other
      // members are POST .../models/{m}/load (with file overrides in the body) and .../unload; Triton's
      // --http-restricted-api=model-repository:<header>=<value> puts all of them behind one header and
      // answers a request without it with a 4xx, never the list.
      posts: [
        {
          id: 'triton-model-repository',
          kind: 'sensitive-api',
          path: '/v2/repository/index',
          body: '{}',
          marker: { jsonArray: true },
          severity: 'high',
          message:
            'Triton model repository API answers without authentication: it lists every model in the repository, and the same unrestricted API loads and unloads models (in --model-control-mode=explicit, a load request can carry its own model files and config, which for a Python-backend model means running code on the server); restrict it with --http-restricted-api=model-repository:<header>=<secret>',
          skipped: 'Triton model repository/control API (POST /v2/repository/index) not checked: it is a POST, sent only with --active',
        },
      ],
    },
  },
  {
    id: 'triton-metrics',
    name: 'NVIDIA Triton metrics',
    ports: [8002],
    docs: 'https://github.com/triton-inference-server/server/blob/main/docs/user_guide/metrics.md',
    identify: [{ path: '/metrics', marker: { bodyIncludes: ['nv_inference_'], ...PROM_TEXT }, auth: 'open' }],
    checks: [{ id: 'triton-metrics', kind: 'metrics', path: '/metrics', marker: { bodyIncludes: ['nv_inference_'] }, severity: 'low', message: 'Triton metrics are readable without authentication (model names, versions, request counts, GPU use)' }],
  },
  {
    id: 'ollama',
    name: 'Ollama',
    package: { ecosystem: 'Go', name: 'github.com/ollama/ollama' },
    ports: [11434],
    docs: 'https://github.com/ollama/ollama/blob/main/docs/api.md',
    identify: [{ path: '/', marker: { bodyIs: 'Ollama is running' }, auth: 'open' }],
    version: [{ path: '/api/version', json: 'version' }],
    checks: [
      {
        id: 'ollama-model-management',
        kind: 'sensitive-api',
        path: '/api/tags',
        marker: { jsonHas: ['models'] },
        severity: 'high',
        message: 'Ollama API answers without authentication: anyone can pull, push, copy, create and delete models (/api/pull, /api/delete; Probllama, CVE-2024-37032)',
      },
      { id: 'ollama-tags', kind: 'model-listing', path: '/api/tags', marker: { jsonHas: ['models'] }, severity: 'low', message: 'Ollama lists its local models without authentication' },
      { id: 'ollama-inference', kind: 'inference', path: '/api/tags', marker: { jsonHas: ['models'] }, severity: 'medium', message: 'Ollama generation endpoints (/api/generate, /api/chat) have no authentication' },
    ],
    active: { bodyPath: '/api/show', burstPath: '/api/version' },
  },
  {
    id: 'vllm',
    name: 'vLLM OpenAI-compatible server',
    package: { ecosystem: 'PyPI', name: 'vllm' },
    ports: [8000],
    docs: 'https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html',
    identify: [
      { path: '/v1/models', marker: { jsonEq: { object: 'list', 'data/0/owned_by': 'vllm' } }, auth: 'open' },
      // vllm-project/vllm entrypoints/openai/api_server.py AuthenticationMiddleware: with --api-key, paths
      // under /v1 answer 401 {"error": "Unauthorized"}; /health, /version and /metrics stay open.
      // ModelCard.owned_by defaults to "vllm" (entrypoints/openai/protocol.py).
      { path: '/v1/models', marker: { status: 401, jsonEq: { error: 'Unauthorized' } }, auth: 'required' },
    ],
    version: [{ path: '/version', json: 'version' }],
    supersedes: ['openai-compatible'],
    checks: [
      { id: 'vllm-inference', kind: 'inference', path: '/v1/models', marker: { jsonEq: { object: 'list' } }, severity: 'medium', message: 'vLLM completions and chat endpoints answer without an API key (--api-key is not set)' },
      { id: 'vllm-models', kind: 'model-listing', path: '/v1/models', marker: { jsonEq: { object: 'list' } }, severity: 'low', message: 'vLLM lists its served models without authentication' },
      { id: 'vllm-metrics', kind: 'metrics', path: '/metrics', marker: { bodyIncludes: ['vllm:'] }, severity: 'low', message: 'vLLM metrics are readable without authentication' },
    ],
    active: { bodyPath: '/v1/completions', burstPath: '/v1/models', openAI: true },
  },
  {
    id: 'openai-compatible',
    name: 'OpenAI-compatible model server',
    ports: [8000, 8080, 1234],
    docs: 'https://platform.openai.com/docs/api-reference/models/list',
    // llama.cpp tools/server/server.cpp: with --api-key, "/", /health, /models, /v1/models and /api/tags
    // stay public; every other path answers 401 {"error":{"code":401,"message":"Invalid API Key",
    // "type":"authentication_error"}} before routing. So /v1/models answering proves nothing about
    // inference; a GET on the (POST-only) chat route that reaches the router (404/405) instead of an
    // authentication error does.
    identify: [
      { path: '/v1/models', marker: { jsonEq: { object: 'list', 'data/0/object': 'model' } }, auth: 'open' },
      { path: '/v1/chat/completions', marker: { status: 401, jsonEq: { 'error/message': 'Invalid API Key', 'error/type': 'authentication_error' } }, auth: 'required' },
    ],
    checks: [
      { id: 'openai-inference', kind: 'inference', path: '/v1/chat/completions', marker: { status: [404, 405] }, severity: 'medium', message: 'OpenAI-compatible completions endpoints answer without an API key (a request to /v1/chat/completions reached the router instead of an authentication error)' },
      { id: 'openai-models', kind: 'model-listing', path: '/v1/models', marker: { jsonEq: { object: 'list' } }, severity: 'low', message: 'The served models are listable without authentication' },
    ],
    active: { bodyPath: '/v1/completions', burstPath: '/v1/models', openAI: true },
  },
  {
    id: 'tgi',
    name: 'Hugging Face Text Generation Inference',
    ports: [8080, 3000],
    docs: 'https://huggingface.github.io/text-generation-inference/',
    // huggingface/text-generation-inference router/src/lib.rs `struct Info` (GET /info): model_id, ...,
    // router "text-generation-router", version. Info has no max_top_n_tokens field in any version (the
    // launcher's --max-top-n-tokens is not reported), so top-n logprobs cannot be read from /info.
    identify: [{ path: '/info', marker: { jsonEq: { router: 'text-generation-router' }, jsonHas: ['model_id'] }, auth: 'open' }],
    version: [{ path: '/info', json: 'version' }],
    supersedes: ['openai-compatible'],
    checks: [
      { id: 'tgi-inference', kind: 'inference', path: '/info', marker: { jsonHas: ['model_id'] }, severity: 'medium', message: 'TGI /generate and /v1/chat/completions answer without authentication' },
      { id: 'tgi-model', kind: 'model-listing', path: '/info', marker: { jsonHas: ['model_id'] }, severity: 'low', message: 'TGI discloses its model id, revision and limits without authentication' },
      { id: 'tgi-metrics', kind: 'metrics', path: '/metrics', marker: { bodyIncludes: ['tgi_'] }, severity: 'low', message: 'TGI metrics are readable without authentication' },
    ],
    active: { bodyPath: '/generate', burstPath: '/health' },
  },
  {
    id: 'tf-serving',
    name: 'TensorFlow Serving',
    ports: [8501],
    docs: 'https://www.tensorflow.org/tfx/serving/api_rest',
    // GET /v1/models/<unknown> answers 404 with GetModelStatus's NotFound text.
    identify: [{ path: '/v1/models/mlwarden-probe', marker: { status: 404, jsonHas: ['error'], bodyIncludes: ['Could not find any versions of model'] }, auth: 'open' }],
    checks: [
      {
        id: 'tf-serving-inference',
        kind: 'inference',
        path: '/v1/models/mlwarden-probe',
        marker: { status: 404, bodyIncludes: ['Could not find any versions of model'] },
        severity: 'medium',
        message: 'TensorFlow Serving REST API has no authentication: every served model can be queried (:predict, :classify, :regress)',
      },
    ],
    active: { bodyPath: '/v1/models/mlwarden-probe:predict', burstPath: '/v1/models/mlwarden-probe' },
  },
  {
    id: 'kserve',
    name: 'KServe model server (v1/v2 protocol)',
    package: { ecosystem: 'PyPI', name: 'kserve' },
    ports: [8080],
    docs: 'https://kserve.github.io/website/latest/modelserving/data_plane/v2_protocol/',
    identify: [
      { path: '/v2', marker: { jsonContains: { extensions: 'model_repository_extension' }, jsonHas: ['name', 'version'] }, auth: 'open' },
      { path: '/', marker: { jsonEq: { status: 'alive' } }, auth: 'open' },
    ],
    version: [{ path: '/v2', json: 'version' }],
    checks: [
      { id: 'kserve-models', kind: 'model-listing', path: '/v1/models', marker: { jsonHas: ['models'] }, severity: 'low', message: 'KServe lists its models without authentication' },
      { id: 'kserve-inference', kind: 'inference', path: '/v1/models', marker: { jsonHas: ['models'] }, severity: 'medium', message: 'KServe predict/infer endpoints answer without authentication' },
    ],
    active: { bodyPath: '/v1/models/mlwarden-probe:predict', burstPath: '/v2/health/ready' },
  },
  {
    id: 'gradio',
    name: 'Gradio app',
    package: { ecosystem: 'PyPI', name: 'gradio' },
    ports: [7860],
    docs: 'https://www.gradio.app/guides/sharing-your-app',
    identify: [{ path: '/config', marker: { jsonHas: ['version', 'mode', 'components'] }, auth: 'open' }],
    version: [{ path: '/config', json: 'version' }],
    checks: [
      { id: 'gradio-api', kind: 'app', path: '/gradio_api/info', marker: { jsonHas: ['named_endpoints'] }, severity: 'low', message: 'Gradio app without authentication: every API endpoint it lists can be called by anyone' },
      { id: 'gradio-api-v4', kind: 'app', path: '/info', marker: { jsonHas: ['named_endpoints'] }, severity: 'low', message: 'Gradio app without authentication: every API endpoint it lists can be called by anyone' },
    ],
  },
  {
    id: 'streamlit',
    name: 'Streamlit app',
    package: { ecosystem: 'PyPI', name: 'streamlit' },
    ports: [8501],
    docs: 'https://docs.streamlit.io/develop/api-reference/configuration/config.toml',
    identify: [{ path: '/_stcore/host-config', marker: { jsonHas: ['allowedOrigins'] }, auth: 'open' }],
    checks: [{ id: 'streamlit-app', kind: 'app', path: '/_stcore/health', marker: { bodyIs: 'ok' }, severity: 'low', message: 'Streamlit app is reachable without authentication (Streamlit has none built in)' }],
  },
  {
    id: 'kubeflow-dashboard',
    name: 'Kubeflow central dashboard',
    ports: [8082, 80],
    docs: 'https://github.com/kubeflow/kubeflow/tree/master/components/centraldashboard',
    identify: [{ path: '/api/dashboard-links', marker: { jsonHas: ['menuLinks'] }, auth: 'open' }],
    checks: [
      {
        id: 'kubeflow-env-info',
        kind: 'sensitive-api',
        path: '/api/workgroup/env-info',
        marker: { jsonHas: ['namespaces', 'platform'] },
        severity: 'high',
        message: 'Kubeflow dashboard API answers without an identity header from the auth proxy: profiles and namespaces are exposed and the dashboard is not behind authentication',
      },
    ],
  },
  {
    id: 'kubeflow-pipelines',
    name: 'Kubeflow Pipelines API server',
    ports: [8888, 8080],
    docs: 'https://www.kubeflow.org/docs/components/pipelines/reference/api/kubeflow-pipeline-api-spec/',
    identify: [{ path: '/apis/v1beta1/healthz', marker: { jsonHas: ['multi_user', 'commit_sha'] }, auth: 'open' }],
    version: [{ path: '/apis/v1beta1/healthz', json: 'tag_name' }],
    checks: [
      {
        id: 'kfp-pipelines',
        kind: 'sensitive-api',
        path: '/apis/v2beta1/pipelines?page_size=1',
        marker: { header: { 'content-type': 'application/json' } },
        severity: 'critical',
        message: 'Kubeflow Pipelines API answers without authentication: anyone can upload a pipeline and start runs, which execute containers in the cluster',
      },
    ],
  },
  {
    id: 'airflow',
    name: 'Apache Airflow',
    package: { ecosystem: 'PyPI', name: 'apache-airflow' },
    ports: [8080],
    docs: 'https://airflow.apache.org/docs/apache-airflow/stable/stable-rest-api-ref.html',
    identify: [
      { path: '/health', marker: { jsonHas: ['metadatabase/status', 'scheduler/status'] }, auth: 'open' },
      { path: '/api/v2/monitor/health', marker: { jsonHas: ['metadatabase/status', 'scheduler/status'] }, auth: 'open' },
      // Airflow 2 api_connexion: an unauthenticated REST call is a 401 problem+json {"title": "Unauthorized", ...}
      // (the basic_auth backend adds WWW-Authenticate: Basic). Without it a secured Airflow looked "open"
      // and its documented default login was never tried.
      { path: '/api/v1/dags?limit=1', marker: { status: 401, header: { 'content-type': 'application/problem+json' }, jsonEq: { title: 'Unauthorized' } }, auth: 'required' },
    ],
    // /api/v1/version is public in the Airflow 2 REST API (security: []).
    version: [{ path: '/api/v1/version', json: 'version' }, { path: '/api/v2/version', json: 'version' }],
    checks: [
      {
        id: 'airflow-dags',
        kind: 'sensitive-api',
        path: '/api/v1/dags?limit=1',
        marker: { jsonHas: ['dags', 'total_entries'] },
        severity: 'critical',
        message: 'Airflow REST API answers without authentication: anyone can trigger DAG runs and read connections and variables (credentials)',
      },
      {
        id: 'airflow-dags-v2',
        kind: 'sensitive-api',
        path: '/api/v2/dags?limit=1',
        marker: { jsonHas: ['dags', 'total_entries'] },
        severity: 'critical',
        message: 'Airflow REST API answers without authentication: anyone can trigger DAG runs and read connections and variables (credentials)',
      },
    ],
    defaultCredentials: [
      {
        username: 'airflow',
        password: 'airflow',
        path: '/api/v1/dags?limit=1',
        marker: { jsonHas: ['dags', 'total_entries'] },
        source: 'https://airflow.apache.org/docs/apache-airflow/stable/howto/docker-compose/index.html',
      },
    ],
  },
  {
    id: 'tensorboard',
    name: 'TensorBoard',
    package: { ecosystem: 'PyPI', name: 'tensorboard' },
    ports: [6006],
    docs: 'https://github.com/tensorflow/tensorboard',
    identify: [{ path: '/data/environment', marker: { jsonHas: ['data_location', 'window_title'] }, auth: 'open' }],
    version: [{ path: '/data/environment', json: 'version' }],
    checks: [
      {
        id: 'tensorboard-data',
        kind: 'sensitive-api',
        path: '/data/environment',
        marker: { jsonHas: ['data_location'] },
        severity: 'medium',
        message: 'TensorBoard serves training logs, graphs, hyperparameters and the server-side log directory path without authentication',
      },
    ],
  },
  {
    id: 'comfyui',
    name: 'ComfyUI',
    ports: [8188],
    docs: 'https://docs.comfy.org/development/comfyui-server/comms_routes',
    identify: [{ path: '/system_stats', marker: { jsonHas: ['system/python_version', 'devices'] }, auth: 'open' }],
    version: [{ path: '/system_stats', json: 'system/comfyui_version' }],
    checks: [
      {
        id: 'comfyui-open',
        kind: 'sensitive-api',
        path: '/object_info',
        marker: { header: { 'content-type': 'application/json' } },
        severity: 'high',
        message: 'ComfyUI answers without authentication: anyone can queue workflows (/prompt), upload files and, with ComfyUI-Manager, install custom nodes (code execution)',
      },
    ],
  },
  {
    id: 'prometheus',
    name: 'Prometheus',
    package: { ecosystem: 'Go', name: 'github.com/prometheus/prometheus' },
    ports: [9090],
    docs: 'https://prometheus.io/docs/prometheus/latest/querying/api/',
    identify: [{ path: '/api/v1/status/buildinfo', marker: { jsonEq: { status: 'success' }, jsonHas: ['data/version', 'data/goVersion'] }, auth: 'open' }],
    version: [{ path: '/api/v1/status/buildinfo', json: 'data/version' }],
    checks: [
      {
        id: 'prometheus-query-api',
        kind: 'metrics',
        path: '/api/v1/targets?state=active',
        marker: { jsonEq: { status: 'success' } },
        severity: 'medium',
        message: 'Prometheus query API answers without authentication: scrape targets, internal host names and every collected metric are readable',
      },
      {
        id: 'prometheus-admin-api',
        kind: 'sensitive-api',
        path: '/api/v1/status/flags',
        marker: { jsonEq: { status: 'success', 'data/web.enable-admin-api': 'true' } },
        severity: 'high',
        message: 'Prometheus admin API is enabled and unauthenticated: anyone can delete series or trigger snapshots',
      },
    ],
  },
  {
    id: 'dcgm-exporter',
    name: 'NVIDIA DCGM exporter',
    ports: [9400],
    docs: 'https://github.com/NVIDIA/dcgm-exporter',
    identify: [{ path: '/metrics', marker: { bodyIncludes: ['DCGM_FI_'], ...PROM_TEXT }, auth: 'open' }],
    checks: [{ id: 'dcgm-metrics', kind: 'metrics', path: '/metrics', marker: { bodyIncludes: ['DCGM_FI_'] }, severity: 'low', message: 'GPU telemetry is readable without authentication: GPU models and UUIDs, host names and the pods using each GPU' }],
  },
  {
    id: 'kubelet',
    name: 'Kubernetes kubelet',
    package: { ecosystem: 'Go', name: 'k8s.io/kubernetes' },
    ports: [10250, 10255],
    docs: 'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/',
    identify: [
      { path: '/pods', marker: { jsonEq: { kind: 'PodList' } }, auth: 'open' },
      // Anonymous auth on, authorization webhook on: the kubelet's own denial text.
      { path: '/pods', marker: { status: 403, bodyIncludes: ['user=system:anonymous', 'resource=nodes'] }, auth: 'required' },
    ],
    checks: [
      {
        id: 'kubelet-api-anonymous',
        kind: 'sensitive-api',
        path: '/pods',
        marker: { jsonEq: { kind: 'PodList' } },
        severity: 'critical',
        scheme: 'https',
        message: 'Kubelet API accepts anonymous requests: anyone can list pods, read their logs and run commands in any container on the node (/exec, /run)',
      },
      {
        id: 'kubelet-read-only-port',
        kind: 'sensitive-api',
        path: '/pods',
        marker: { jsonEq: { kind: 'PodList' } },
        severity: 'high',
        scheme: 'http',
        message: 'Kubelet read-only port is open: full pod specs (environment variables, images, volumes, service accounts) are readable without authentication',
      },
    ],
  },
  {
    id: 'kubernetes-api',
    name: 'Kubernetes API server',
    package: { ecosystem: 'Go', name: 'k8s.io/kubernetes' },
    ports: [6443, 8443, 443],
    docs: 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests',
    identify: [
      { path: '/version', marker: { jsonHas: ['gitVersion', 'platform', 'major'] }, auth: 'open' },
      { path: '/api', marker: { status: [401, 403], jsonEq: { kind: 'Status', apiVersion: 'v1' } }, auth: 'required' },
    ],
    version: [{ path: '/version', json: 'gitVersion' }],
    checks: [
      {
        id: 'kubernetes-anonymous-namespaces',
        kind: 'sensitive-api',
        path: '/api/v1/namespaces?limit=1',
        marker: { jsonEq: { kind: 'NamespaceList' } },
        severity: 'critical',
        message: 'Kubernetes API server lets anonymous users list namespaces: RBAC grants system:anonymous (or system:unauthenticated) broad read access',
      },
      {
        id: 'kubernetes-anonymous-pods',
        kind: 'sensitive-api',
        path: '/api/v1/pods?limit=1',
        marker: { jsonEq: { kind: 'PodList' } },
        severity: 'critical',
        message: 'Kubernetes API server lets anonymous users list pods in every namespace',
      },
    ],
  },
];

/**
 * Services that speak gRPC over HTTP/2 cleartext rather than HTTP/1: each is recognised by ONE
 * read-only unary call to a method only it implements, answered with grpc-status 0 and a reply
 * whose fields decode as that method's reply type. Any other gRPC server answers UNIMPLEMENTED (12)
 * for the method; anything that is not gRPC fails the HTTP/2 exchange. Tried only on origins that
 * gave no HTTP/1 answer.
 */
export interface GrpcServiceFingerprint {
  id: string;
  name: string;
  package?: { ecosystem: string; name: string };
  ports: number[];
  docs: string;
  /** Fully-qualified method path. */
  method: string;
  /** The serialized request message. */
  request: Buffer;
  /** The reply's fields (see matchReply). */
  reply: ReplyField[];
  /** Text in grpc-message of an UNAUTHENTICATED (16) answer that is this service's own token check. */
  authMessages: string[];
  /** The observation for an open service. */
  check: { id: string; kind: ObservationKind; severity: Severity; message: string };
}

export const GRPC_SERVICES: GrpcServiceFingerprint[] = [
  {
    id: 'ray-gcs',
    name: 'Ray GCS server',
    package: { ecosystem: 'PyPI', name: 'ray' },
    // `ray start --head` puts the GCS on --port, 6379 by default since Ray 1.11 (GCS without Redis).
    ports: [6379],
    docs: 'https://docs.ray.io/en/latest/ray-security/index.html',
    // ray-project/ray src/ray/protobuf/gcs_service.proto: service NodeInfoGcsService { rpc
    // GetClusterId(GetClusterIdRequest) returns (GetClusterIdReply) } — "must be called before any
    // other RPC", so it needs no cluster-id metadata; GetClusterIdRequest is empty; GetClusterIdReply
    // { GcsStatus status = 1; bytes cluster_id = 2; } where a ClusterID is a 28-byte UniqueID. The
    // handler only reads the id. (Ray < 2.7 has no GetClusterId and is not recognised here.)
    method: '/ray.rpc.NodeInfoGcsService/GetClusterId',
    request: Buffer.alloc(0),
    reply: [
      { no: 1, type: 'message', optional: true, name: 'status' },
      { no: 2, type: 'bytes', length: 28, name: 'cluster_id' },
    ],
    // RAY_AUTH_MODE=token (Ray >= 2.52): every GCS RPC needs `authorization: Bearer <token>` metadata;
    // without it the call fails UNAUTHENTICATED ("Authentication token is missing or incorrect",
    // src/ray/rpc/authentication/tests/grpc_auth_token_tests.cc).
    authMessages: ['token is missing or incorrect'],
    check: {
      id: 'ray-gcs-open',
      kind: 'ray-grpc',
      severity: 'critical',
      message:
        'Ray GCS (cluster control plane) answers gRPC without authentication: anyone who reaches this port can read and write the internal KV store, register jobs and actors and join nodes, which runs arbitrary code on the cluster (ShadowRay class, CVE-2023-48022)',
    },
  },
  {
    id: 'ray-client',
    name: 'Ray client server',
    package: { ecosystem: 'PyPI', name: 'ray' },
    // `ray start --head --ray-client-server-port`, 10001 by default; `ray.init("ray://host:10001")`.
    ports: [10001],
    docs: 'https://docs.ray.io/en/latest/cluster/running-applications/job-submission/ray-client.html',
    // ray-project/ray src/ray/protobuf/ray_client.proto: service RayletDriver { rpc ClusterInfo(
    // ClusterInfoRequest) returns (ClusterInfoResponse) }; ClusterInfoRequest { ClusterInfoType.TypeEnum
    // type = 1; } with PING = 6; ClusterInfoResponse { TypeEnum type = 1; oneof { string json = 2; ... } }.
    // python/ray/util/client/server/proxier.py answers PING itself with json "{}" (no session needed),
    // and server.py does the same; PING reads nothing and changes nothing.
    method: '/ray.rpc.RayletDriver/ClusterInfo',
    request: encodeMessage([{ field: 1, varint: 6 }]),
    reply: [
      { no: 1, type: 'varint', values: [0, 6], optional: true, name: 'type' },
      { no: 2, type: 'json-object', name: 'json' },
    ],
    // python/ray/_private/authentication/grpc_authentication_server_interceptor.py: UNAUTHENTICATED,
    // "Invalid or missing authentication token".
    authMessages: ['invalid or missing authentication token'],
    check: {
      id: 'ray-client-open',
      kind: 'ray-grpc',
      severity: 'critical',
      message:
        'Ray client server answers gRPC without authentication: anyone who reaches this port can connect with ray.init("ray://...") and run arbitrary Python on the cluster (ShadowRay class, CVE-2023-48022)',
    },
  },
];

/** Every well-known port, for a bare host. */
export function wellKnownPorts(services: ServiceFingerprint[] = SERVICES, grpc: GrpcServiceFingerprint[] = GRPC_SERVICES): number[] {
  return [...new Set([...services.flatMap((s) => s.ports), ...grpc.flatMap((s) => s.ports)])].sort((a, b) => a - b);
}

/** Text patterns of stack traces and framework debug pages (plain substrings, no regex). */
export const STACK_TRACE_MARKERS: Array<{ text: string; what: string }> = [
  { text: 'Traceback (most recent call last)', what: 'Python traceback' },
  { text: 'werkzeug.exceptions', what: 'Werkzeug debug output' },
  { text: '\tat java.', what: 'Java stack trace' },
  { text: '\tat org.', what: 'Java stack trace' },
  { text: 'Exception in thread "', what: 'Java stack trace' },
  { text: 'goroutine 1 [', what: 'Go panic trace' },
  { text: 'panic: runtime error', what: 'Go panic' },
  { text: 'node:internal/', what: 'Node.js stack trace' },
];
