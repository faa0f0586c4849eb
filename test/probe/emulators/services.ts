// Emulators of the ML services mlwarden probes: the same paths, status codes, JSON shapes, headers and
// authentication behaviour as the real services. Each has an open mode (the insecure default or
// misconfiguration) and a secured mode (the documented hardening). Every emulator names the source
// files it was checked against ("checked:"), and says what could not be checked ("unverified:").
// Source paths are in the services' public GitHub repositories (owner/repo path).
import type { Emulator, Reply } from './server.js';

const PROM = { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' };
const basicChallenge = (realm: string): Reply => ({ status: 401, headers: { 'www-authenticate': `Basic realm="${realm}"`, 'content-type': 'text/plain' }, body: 'Unauthorized' });
const proxy401: Reply = { status: 401, headers: { 'www-authenticate': 'Basic realm="Restricted"', 'content-type': 'text/html' }, body: '<html><head><title>401 Authorization Required</title></head><body><center><h1>401 Authorization Required</h1></center><hr><center>nginx</center></body></html>' };
const istioDenied: Reply = { status: 403, headers: { 'content-type': 'text/plain', server: 'istio-envoy' }, body: 'RBAC: access denied' };

// checked: mlflow/mlflow mlflow/server/__init__.py (/health "OK", /version plain text, "/" index.html),
// mlflow/server/js/public/index.html (<title>MLflow</title>), mlflow/server/auth/__init__.py
// (is_unprotected_route: only /static, /favicon.ico and /health stay public; make_basic_auth_response:
// 401 + WWW-Authenticate: Basic realm="mlflow"), mlflow/server/auth/basic_auth.ini (admin/password1234).
// unverified: the JSON bodies of experiments/search, registered-models/search and mlflow-artifacts
// list (from the REST API docs; protobuf JSON omits empty lists, so an empty store answers {}).
export const mlflow: Emulator = {
  id: 'mlflow',
  service: 'mlflow',
  headers: { server: 'gunicorn' },
  open: {
    '/': { headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<!doctype html><html lang="en"><head><meta charset="utf-8"/><title>MLflow</title></head><body><div id="root"></div></body></html>' },
    '/version': { headers: { 'content-type': 'text/plain' }, body: '2.9.2' },
    '/health': { headers: { 'content-type': 'text/plain' }, body: 'OK' },
    '/api/2.0/mlflow/experiments/search': { body: { experiments: [{ experiment_id: '0', name: 'Default', artifact_location: 'mlflow-artifacts:/0', lifecycle_stage: 'active', last_update_time: 1700000000000, creation_time: 1700000000000 }] } },
    '/api/2.0/mlflow-artifacts/artifacts': { body: { files: [{ path: '0', is_dir: true }] } },
    '/api/2.0/mlflow/registered-models/search': { body: { registered_models: [{ name: 'fraud-model', creation_timestamp: 1700000000000, latest_versions: [{ name: 'fraud-model', version: '3' }] }] } },
  },
  secured: {
    // mlflow server --app-name basic-auth: only /health and static files stay public (not /version).
    routes: {
      '/health': { headers: { 'content-type': 'text/plain' }, body: 'OK' },
    },
    deny: (req) => {
      const auth = req.headers.authorization ?? '';
      if (auth === `Basic ${Buffer.from('admin:password1234').toString('base64')}` && (req.url ?? '').startsWith('/api/2.0/mlflow/experiments/search')) {
        return { body: { experiments: [{ experiment_id: '0', name: 'Default' }] } };
      }
      return {
        status: 401,
        headers: { 'www-authenticate': 'Basic realm="mlflow"', 'content-type': 'text/html; charset=utf-8' },
        body: 'You are not authenticated. Please see https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow on how to authenticate.',
      };
    },
  },
};

// checked: ray-project/ray python/ray/dashboard/modules/job/job_head.py (GET /api/version ->
// VersionResponse{version, ray_version, ray_commit, session_name}; GET /api/jobs/ -> JSON array of
// JobDetails), python/ray/_private/authentication/http_token_authentication.py (token mode: 401
// text "Unauthorized: Missing authentication token", 403 "Forbidden: Invalid authentication token").
export const ray: Emulator = {
  id: 'ray',
  service: 'ray',
  headers: { server: 'Python/3.10 aiohttp/3.9.1' },
  open: {
    '/api/version': { body: { version: '4', ray_version: '2.8.0', ray_commit: '105355bd253d6538ed34d331f6a4bdf0e38ace3a', session_name: 'session_2024-01-01_00-00-00_000000_1' } },
    '/api/jobs/': { body: [{ type: 'SUBMISSION', job_id: null, submission_id: 'raysubmit_XyZ', status: 'SUCCEEDED', entrypoint: 'python train.py', message: 'Job finished successfully.' }] },
    '/': { headers: { 'content-type': 'text/html' }, body: '<!doctype html><html><head><title>Ray Dashboard</title></head><body></body></html>' },
  },
  // Ray token authentication (RAY_AUTH_MODE=token, Ray >= 2.52): every dashboard request needs the token.
  secured: { deny: { status: 401, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Unauthorized: Missing authentication token' } },
};

// checked: pytorch/serve frontend/server/src/main/java/org/pytorch/serve/openapi/OpenApiUtils.java
// (info.title "TorchServe APIs", description, version), .../http/api/rest/ApiDescriptionRequestHandler.java
// (GET /api-description), .../http/TokenAuthorizationHandler.java (400 InvalidKeyException "Token
// Authorization failed. ..."), ServerInitializer (the API-description handler runs before the token
// handler, so /api-description stays public and /ping does not).
// unverified: the /ping body {"status": "Healthy"} (docs only).
export const torchserve: Emulator = {
  id: 'torchserve',
  service: 'torchserve',
  open: {
    '/ping': { body: { status: 'Healthy' } },
    '/api-description': { body: { openapi: '3.0.1', info: { title: 'TorchServe APIs', description: 'TorchServe is a flexible and easy to use tool for serving deep learning models', version: '0.8.2' }, paths: { '/models': {} } } },
    '/models': { body: { models: [{ modelName: 'squeezenet1_1', modelUrl: 'squeezenet1_1.mar' }] } },
  },
  secured: {
    routes: { '/api-description': { body: { openapi: '3.0.1', info: { title: 'TorchServe APIs', description: 'TorchServe is a flexible and easy to use tool for serving deep learning models', version: '0.12.0' }, paths: { '/models': {} } } } },
    deny: { status: 400, body: { code: 400, type: 'InvalidKeyException', message: 'Token Authorization failed. Token either incorrect, expired, or not provided correctly' } },
  },
  notFound: { status: 404, body: { code: 404, type: 'ResourceNotFoundException', message: 'Requested resource is not found, please refer to API document.' } },
};

// checked: pytorch/serve ts/configs/metrics.yaml (ts_inference_requests_total with model_name,
// model_version, hostname), .../http/api/rest/PrometheusMetricsRequestHandler.java (TextFormat 0.0.4).
export const torchserveMetrics: Emulator = {
  id: 'torchserve-metrics',
  service: 'torchserve-metrics',
  open: {
    '/metrics': { headers: PROM, body: '# HELP ts_inference_requests_total Total number of inference requests.\n# TYPE ts_inference_requests_total counter\nts_inference_requests_total{model_name="squeezenet1_1",model_version="default",hostname="ts-0",} 12.0\n' },
  },
  secured: { deny: proxy401 },
};

// checked: triton-inference-server/server src/http_server.cc HTTPAPIServer::Handle (GET /v2 server
// metadata, GET /v2/models/stats, unmatched paths answer 400), docs/protocol (metadata
// {name, version, extensions}; statistics {model_stats: [...]}); the restricted-API error text matches
// the OpenAI frontend's copy ("This API is restricted, expecting header '...'").
// unverified: the HTTP status of a restricted-API denial in the C++ server (403 assumed) and the
// exact body of the 400 for unmatched paths.
function tritonRepositoryIndex(req: { method?: string }): Reply {
  if (req.method !== 'POST') return { status: 405, body: { error: 'Method Not Allowed' } };
  return { body: [{ name: 'densenet_onnx', version: '1', state: 'READY' }, { name: 'python_preprocess', version: '1', state: 'UNAVAILABLE', reason: 'unloaded' }] };
}

/** Triton with only the model-repository API restricted (--http-restricted-api=model-repository:admin-key=secret). */
export const tritonRepositoryRestricted = (): Emulator => ({
  ...triton,
  id: 'triton (model-repository restricted)',
  open: { ...triton.open, '/v2/repository/index': { status: 403, body: { error: "This API is restricted, expecting header 'admin-key'" } } },
  secured: undefined,
});

export const triton: Emulator = {
  id: 'triton',
  service: 'triton',
  open: {
    '/v2': { body: { name: 'triton', version: '2.41.0', extensions: ['classification', 'sequence', 'model_repository', 'model_repository(unload_dependents)', 'schedule_policy', 'model_configuration', 'system_shared_memory', 'cuda_shared_memory', 'binary_tensor_data', 'parameters', 'statistics', 'trace', 'logging'] } },
    '/v2/health/ready': { status: 200, body: '' },
    '/v2/models/stats': { body: { model_stats: [{ name: 'densenet_onnx', version: '1', last_inference: 0, inference_count: 0, execution_count: 0 }] } },
    // HandleRepositoryIndex: POST only (405 otherwise); the body is an optional {"ready": bool}; the
    // answer lists every model in the repository with its version and state.
    '/v2/repository/index': tritonRepositoryIndex,
  },
  // --http-restricted-api=model-repository,statistics,inference:admin-key=secret
  secured: {
    routes: { '/v2': { body: { name: 'triton', version: '2.41.0', extensions: ['model_repository', 'statistics'] } }, '/v2/health/ready': { body: '' } },
    deny: { status: 403, body: { error: "This API is restricted, expecting header 'admin-key'" } },
  },
  notFound: { status: 400, body: { error: 'Not Found' } },
};

// unverified: metric names from docs/user_guide/metrics.md (nv_inference_request_success), not source.
export const tritonMetrics: Emulator = {
  id: 'triton-metrics',
  service: 'triton-metrics',
  open: { '/metrics': { headers: PROM, body: '# HELP nv_inference_request_success Number of successful inference requests\n# TYPE nv_inference_request_success counter\nnv_inference_request_success{model="densenet_onnx",version="1"} 0\n' } },
  secured: { deny: proxy401 },
};

// checked: ollama/ollama server/routes.go (GET/HEAD "/" -> text "Ollama is running"; /api/version
// {"version"}; GET /api/tags -> ListResponse {models: [...]}). Ollama has no authentication of its own,
// so the secured mode is a reverse proxy. Note: some forks answer "/" with extra lines after the text.
export const ollama: Emulator = {
  id: 'ollama',
  service: 'ollama',
  open: {
    '/': { headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Ollama is running' },
    '/api/version': { body: { version: '0.1.33' } },
    '/api/tags': { body: { models: [{ name: 'llama3:latest', model: 'llama3:latest', modified_at: '2024-05-01T10:00:00Z', size: 4661224676, digest: '365c0bd3c000a25d28ddbf732fe1c6add414de7275464c4e4d1c3b5fcb5d8ad1', details: { format: 'gguf', family: 'llama', parameter_size: '8.0B', quantization_level: 'Q4_0' } }] } },
  },
  secured: { deny: proxy401 },
  notFound: { status: 404, headers: { 'content-type': 'text/plain' }, body: '404 page not found' },
};

// checked: vllm-project/vllm entrypoints/openai/api_server.py (AuthenticationMiddleware: only paths
// under /v1 need the key -> 401 {"error": "Unauthorized"}; /health, /version, /metrics stay open),
// entrypoints/openai/protocol.py (ModelCard: id, object "model", created, owned_by "vllm", root,
// parent, max_model_len, permission; ModelList object "list").
export const vllm: Emulator = {
  id: 'vllm',
  service: 'vllm',
  headers: { server: 'uvicorn' },
  open: {
    '/v1/models': { body: { object: 'list', data: [{ id: 'facebook/opt-125m', object: 'model', created: 1715000000, owned_by: 'vllm', root: 'facebook/opt-125m', parent: null, max_model_len: 2048, permission: [] }] } },
    '/version': { body: { version: '0.4.2' } },
    '/health': { body: '' },
    '/metrics': { headers: PROM, body: '# HELP vllm:num_requests_running Number of requests currently running on GPU.\n# TYPE vllm:num_requests_running gauge\nvllm:num_requests_running{model_name="facebook/opt-125m"} 0.0\n' },
    // FastAPI: a GET on a POST-only route is 405 {"detail": "Method Not Allowed"}.
    '/v1/chat/completions': { status: 405, body: { detail: 'Method Not Allowed' } },
    '/v1/completions': (req, body) => {
      if (req.method !== 'POST') return { status: 405, body: { detail: 'Method Not Allowed' } };
      let parsed: { logprobs?: number } = {};
      try {
        parsed = JSON.parse(body.toString('utf8')) as { logprobs?: number };
      } catch {
        return { status: 400, body: { object: 'error', message: 'Invalid JSON', type: 'BadRequestError', code: 400 } };
      }
      if (parsed.logprobs === undefined || !('model' in parsed)) return { status: 400, body: { object: 'error', message: 'field required', type: 'BadRequestError', code: 400 } };
      return { body: { id: 'cmpl-1', object: 'text_completion', model: 'facebook/opt-125m', choices: [{ index: 0, text: ' world', logprobs: { tokens: [' world'], token_logprobs: [-1.2], top_logprobs: [{ ' world': -1.2, ' there': -2.1 }], text_offset: [0] }, finish_reason: 'length' }] } };
    },
  },
  // --api-key: every /v1 route answers 401 {"error": "Unauthorized"}; /version, /health and /metrics
  // stay open (so the metrics finding is still true of a vLLM with an API key).
  secured: {
    routes: {
      '/version': { body: { version: '0.4.2' } },
      '/health': { body: '' },
      '/metrics': { headers: PROM, body: '# HELP vllm:num_requests_running Number of requests currently running on GPU.\n# TYPE vllm:num_requests_running gauge\nvllm:num_requests_running{model_name="facebook/opt-125m"} 0.0\n' },
    },
    deny: { status: 401, body: { error: 'Unauthorized' } },
  },
  notFound: { status: 404, body: { detail: 'Not Found' } },
};

// checked: ggml-org/llama.cpp tools/server/server.cpp (middleware_validate_api_key: public endpoints
// "/", /health, /models, /v1/models, /api/tags; anything else without the key -> 401
// format_error_response("Invalid API Key", ERROR_TYPE_AUTHENTICATION); /v1/models owned_by "llamacpp").
// unverified: the status and body llama.cpp gives a GET on the POST-only /v1/chat/completions route
// (cpp-httplib's 404 for an unmatched method+path assumed).
const llamaModels = { object: 'list', data: [{ id: 'models/mistral-7b-instruct.Q4_K_M.gguf', object: 'model', created: 1715000000, owned_by: 'llamacpp', meta: { n_ctx_train: 32768 } }] };
export const openaiCompatible: Emulator = {
  id: 'openai-compatible (llama.cpp server)',
  service: 'openai-compatible',
  open: {
    '/v1/models': { body: llamaModels },
    '/v1/chat/completions': { status: 404, headers: { 'content-type': 'text/plain' }, body: 'File Not Found' },
  },
  // --api-key: /v1/models stays public (a true model-listing finding); inference answers 401.
  secured: {
    routes: { '/v1/models': { body: llamaModels }, '/health': { body: { status: 'ok' } } },
    deny: { status: 401, body: { error: { code: 401, message: 'Invalid API Key', type: 'authentication_error' } } },
  },
};

// checked: huggingface/text-generation-inference router/src/lib.rs `struct Info` (2.0 field set below;
// 3.x renames max_input_length to max_input_tokens and drops the batch fields), router
// "text-generation-router". There is no max_top_n_tokens in /info. TGI has no authentication of its
// own, so the secured mode is a reverse proxy.
export const tgi: Emulator = {
  id: 'tgi',
  service: 'tgi',
  open: {
    '/info': { body: { model_id: 'bigscience/bloom-560m', model_sha: '4f42c91d806a19ae1a46af6c3fb5f4990d884cd6', model_dtype: 'torch.float16', model_device_type: 'cuda', model_pipeline_tag: 'text-generation', max_concurrent_requests: 128, max_best_of: 2, max_stop_sequences: 4, max_input_length: 1024, max_total_tokens: 2048, waiting_served_ratio: 1.2, max_batch_total_tokens: 16000, max_waiting_tokens: 20, max_batch_size: null, validation_workers: 2, max_client_batch_size: 4, router: 'text-generation-router', version: '2.0.1', sha: null, docker_label: null } },
    '/health': { body: '' },
  },
  secured: { deny: proxy401 },
  notFound: { status: 404, body: '' },
};

// checked: tensorflow/serving tensorflow_serving/model_servers/get_model_status_impl.cc (NotFound
// "Could not find any versions of model <name>", which the REST handler returns as 404 {"error": ...}).
// TF Serving has no authentication of its own; the secured mode is a mesh/proxy denial.
export const tfServing: Emulator = {
  id: 'tf-serving',
  service: 'tf-serving',
  open: {
    '/v1/models/resnet': { body: { model_version_status: [{ version: '1', state: 'AVAILABLE', status: { error_code: 'OK', error_message: '' } }] } },
  },
  secured: { deny: istioDenied },
  notFound: (req) => {
    const m = /^\/v1\/models\/([^/:?]+)/.exec(req.url ?? '');
    if (m) return { status: 404, body: { error: `Could not find any versions of model ${m[1]}` } };
    return { status: 404, body: { error: 'Malformed request: GET ' + (req.url ?? '') } };
  },
};

// checked (earlier pass): kserve/kserve python/kserve/kserve/protocol/dataplane.py (v2 server metadata
// {name, version, extensions: ["model_repository_extension"]}, "/" liveness {"status": "alive"},
// GET /v1/models {"models": [...]}). KServe's own server has no authentication; Istio does it.
export const kserve: Emulator = {
  id: 'kserve',
  service: 'kserve',
  headers: { server: 'uvicorn' },
  open: {
    '/': { body: { status: 'alive' } },
    '/v1/models': { body: { models: ['sklearn-iris'] } },
    '/v2': { body: { name: 'kserve', version: '0.11.2', extensions: ['model_repository_extension'] } },
    '/v2/health/ready': { body: { ready: true } },
  },
  secured: { deny: istioDenied },
  notFound: { status: 404, body: { detail: 'Not Found' } },
};

// checked: gradio-app/gradio gradio/routes.py (4.x: GET /config and /info with
// Depends(login_check); login_check raises 401 {"detail": "Not authenticated"}; 5.x moves /info to
// /gradio_api/info and the detail to {"error": "Not authenticated", "auth_message": ...}).
// unverified: the full /config key set (version, mode, components are present in every version seen).
export const gradio: Emulator = {
  id: 'gradio',
  service: 'gradio',
  headers: { server: 'uvicorn' },
  open: {
    '/config': { body: { version: '4.19.2', mode: 'interface', dev_mode: false, analytics_enabled: true, components: [{ id: 1, type: 'textbox', props: { label: 'prompt' } }], css: null, title: 'Gradio', is_space: false, enable_queue: true, show_error: false, dependencies: [{ targets: [[3, 'click']], api_name: 'predict' }], root: '' } },
    '/info': { body: { named_endpoints: { '/predict': { parameters: [{ label: 'prompt' }], returns: [{ label: 'output' }] } }, unnamed_endpoints: {} } },
  },
  // launch(auth=...): login_check raises 401 {"detail": "Not authenticated"}.
  secured: { routes: { '/': { headers: { 'content-type': 'text/html' }, body: '<html><body><gradio-app></gradio-app></body></html>' } }, deny: { status: 401, body: { detail: 'Not authenticated' } } },
  notFound: { status: 404, body: { detail: 'Not Found' } },
};

// checked: streamlit/streamlit lib/streamlit/web/server/routes.py (HostConfigHandler: allowedOrigins,
// useExternalAuthToken, enableCustomParentMessages, ...; /_stcore/health "ok"). Streamlit has no
// authentication of its own; the secured mode is a reverse proxy.
export const streamlit: Emulator = {
  id: 'streamlit',
  service: 'streamlit',
  headers: { server: 'TornadoServer/6.4' },
  open: {
    '/_stcore/health': { headers: { 'content-type': 'text/html; charset=UTF-8' }, body: 'ok' },
    '/_stcore/host-config': { body: { allowedOrigins: ['*.streamlit.app', 'https://*.streamlitapp.com'], useExternalAuthToken: false, enableCustomParentMessages: false } },
  },
  secured: { deny: proxy401 },
};

// checked: kubeflow/kubeflow components/centraldashboard/app/api.ts (GET /api/dashboard-links returns
// the "links" JSON of the centraldashboard ConfigMap: menuLinks, externalLinks, quickLinks,
// documentationItems). unverified: the /api/workgroup/env-info shape {user, platform, namespaces,
// isClusterAdmin} (taken from a client of that API, not from api_workgroup.ts).
export const kubeflowDashboard: Emulator = {
  id: 'kubeflow-dashboard',
  service: 'kubeflow-dashboard',
  headers: { 'x-powered-by': 'Express' },
  open: {
    '/api/dashboard-links': { body: { menuLinks: [{ type: 'item', link: '/jupyter/', text: 'Notebooks', icon: 'book' }], externalLinks: [], quickLinks: [], documentationItems: [] } },
    '/api/workgroup/env-info': { body: { user: 'anonymous@kubeflow.org', platform: { kubeflowVersion: '1.8.0', provider: 'other://', providerName: 'other', logoutUrl: '/logout' }, namespaces: [{ user: 'anonymous@kubeflow.org', namespace: 'kubeflow-user', role: 'owner' }], isClusterAdmin: false } },
  },
  // oauth2-proxy / Dex in front: unauthenticated requests are sent to the identity provider on another host.
  secured: { deny: { status: 302, headers: { location: 'https://dex.example.invalid/auth?client_id=kubeflow-oidc-authservice' }, body: '' } },
};

// checked: kubeflow/pipelines backend/src/apiserver/main.go (/apis/v1beta1/healthz writes
// {"commit_sha", "tag_name", "multi_user"}; v2beta1 adds "pipeline_store"). unverified: the v2beta1
// pipelines list body (from the generated API docs: pipelines, total_size, next_page_token).
export const kubeflowPipelines: Emulator = {
  id: 'kubeflow-pipelines',
  service: 'kubeflow-pipelines',
  open: {
    '/apis/v1beta1/healthz': { body: { commit_sha: '2b08e7dd4f5e2b5c6d8d0e0b9e1c52d7f2c3b1a0', tag_name: '2.0.5', multi_user: false } },
    '/apis/v2beta1/pipelines': { body: { pipelines: [{ pipeline_id: 'b4c8', display_name: '[Tutorial] Data passing in python components', created_at: '2024-01-01T00:00:00Z' }], total_size: 1 } },
  },
  secured: { deny: istioDenied },
};

// checked: apache/airflow airflow/api/common/airflow_health.py (metadatabase/scheduler/triggerer
// status; Airflow 3 adds dag_processor). unverified: that /api/v1/version stays public with the basic
// auth backend (security: [] in the v1 OpenAPI spec, from memory) and the problem+json 401 body.
export const airflow: Emulator = {
  id: 'airflow',
  service: 'airflow',
  headers: { server: 'gunicorn' },
  open: {
    '/health': { body: { metadatabase: { status: 'healthy' }, scheduler: { status: 'healthy', latest_scheduler_heartbeat: '2024-05-01T10:00:00.000000+00:00' }, triggerer: { status: null, latest_triggerer_heartbeat: null } } },
    '/api/v1/version': { body: { version: '2.7.3', git_version: '.release:2.7.3+0d5a2a0b0a5d0b5c' } },
    '/api/v1/dags': { body: { dags: [{ dag_id: 'train_model', is_paused: false, owners: ['airflow'] }], total_entries: 1 } },
  },
  secured: {
    routes: {
      '/health': { body: { metadatabase: { status: 'healthy' }, scheduler: { status: 'healthy', latest_scheduler_heartbeat: '2024-05-01T10:00:00.000000+00:00' } } },
      '/api/v1/version': { body: { version: '2.7.3', git_version: '.release:2.7.3+0d5a2a0b0a5d0b5c' } },
    },
    // auth_backends = airflow.api.auth.backend.basic_auth; the docker-compose quick start creates airflow/airflow.
    deny: (req) => {
      if (req.headers.authorization === `Basic ${Buffer.from('airflow:airflow').toString('base64')}` && (req.url ?? '').startsWith('/api/v1/dags')) {
        return { body: { dags: [{ dag_id: 'train_model', is_paused: false, owners: ['airflow'] }], total_entries: 1 } };
      }
      return { status: 401, headers: { 'content-type': 'application/problem+json', 'www-authenticate': 'Basic' }, body: { detail: null, status: 401, title: 'Unauthorized', type: 'https://airflow.apache.org/docs/apache-airflow/2.7.3/stable-rest-api-ref.html#section/Errors/Unauthenticated' } };
    },
  },
  notFound: { status: 404, headers: { 'content-type': 'text/html' }, body: '<!DOCTYPE html><title>Airflow 404</title>' },
};

// checked: tensorflow/tensorboard tensorboard/plugins/core/core_plugin.py (GET /data/environment ->
// data_location, window_title; the 1.x copy stored here also has "mode"). unverified: the 2.x extra
// keys (version, experiment_name, experiment_description, creation_time). TensorBoard has no auth.
export const tensorboard: Emulator = {
  id: 'tensorboard',
  service: 'tensorboard',
  headers: { server: 'Werkzeug/3.0.1 Python/3.10.12' },
  open: { '/data/environment': { body: { version: '2.15.1', data_location: '/home/alice/runs', window_title: '', experiment_name: '', experiment_description: '', creation_time: 0 } } },
  secured: { deny: proxy401 },
};

// checked: comfyanonymous/ComfyUI server.py (GET /system_stats -> system{os, ram_total, ram_free,
// comfyui_version, python_version, pytorch_version, embedded_python, argv}, devices[{name, type,
// index, vram_total, vram_free, torch_vram_total, torch_vram_free}]). ComfyUI has no auth of its own.
export const comfyui: Emulator = {
  id: 'comfyui',
  service: 'comfyui',
  headers: { server: 'Python/3.11 aiohttp/3.9.5' },
  open: {
    '/system_stats': { body: { system: { os: 'posix', ram_total: 67108864000, ram_free: 60000000000, comfyui_version: '0.3.10', python_version: '3.11.9 (main, Apr  6 2024, 17:59:24) [GCC 11.4.0]', pytorch_version: '2.3.0+cu121', embedded_python: false, argv: ['main.py', '--listen'] }, devices: [{ name: 'cuda:0 NVIDIA A10G : cudaMallocAsync', type: 'cuda', index: 0, vram_total: 23836098560, vram_free: 23000000000, torch_vram_total: 0, torch_vram_free: 0 }] } },
    '/object_info': { body: { KSampler: { input: { required: { seed: ['INT', { default: 0 }] } }, output: ['LATENT'], name: 'KSampler', category: 'sampling' } } },
  },
  secured: { deny: proxy401 },
};

// checked: the PrometheusVersion JSON fields (version, revision, branch, buildUser, buildDate,
// goVersion), via prometheus-community/windows_exporter's copy "Same struct prometheus uses".
// unverified: /api/v1/status/flags and /api/v1/targets bodies (from the HTTP API docs).
export const prometheus: Emulator = {
  id: 'prometheus',
  service: 'prometheus',
  open: {
    '/api/v1/status/buildinfo': { body: { status: 'success', data: { version: '2.45.0', revision: '8ef767e396bf8445f009f945b0162fd71827f445', branch: 'HEAD', buildUser: 'root@920118f645b7', buildDate: '20230623-15:09:49', goVersion: 'go1.20.5' } } },
    '/api/v1/targets': { body: { status: 'success', data: { activeTargets: [{ labels: { instance: 'gpu-node-1:9400', job: 'dcgm' }, health: 'up' }], droppedTargets: [] } } },
    '/api/v1/status/flags': { body: { status: 'success', data: { 'web.enable-admin-api': 'true', 'web.listen-address': '0.0.0.0:9090' } } },
  },
  // --web.config.file with basic_auth_users.
  secured: { deny: basicChallenge('Prometheus') },
};

// checked: NVIDIA/dcgm-exporter default-counters.csv format (DCGM_FI_DEV_GPU_UTIL, gauge, ...).
// unverified: the exact label set of a sample (gpu, UUID, device, modelName, Hostname, pod labels).
export const dcgmExporter: Emulator = {
  id: 'dcgm-exporter',
  service: 'dcgm-exporter',
  open: { '/metrics': { headers: PROM, body: '# HELP DCGM_FI_DEV_GPU_UTIL GPU utilization (in %).\n# TYPE DCGM_FI_DEV_GPU_UTIL gauge\nDCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-5fd4c1a0-1b1b-2c2c-3d3d-4e4e4e4e4e4e",device="nvidia0",modelName="NVIDIA A100-SXM4-40GB",Hostname="gpu-node-1",container="trainer",namespace="ml",pod="trainer-0"} 87\n' } },
  secured: { deny: proxy401 },
};

const podList = { kind: 'PodList', apiVersion: 'v1', metadata: {}, items: [{ metadata: { name: 'trainer-0', namespace: 'ml' }, spec: { containers: [{ name: 'trainer', image: 'registry.example/trainer:1.0' }] } }] };

// checked: kubernetes/kubernetes pkg/kubelet/server/server.go InstallAuthFilter (denial: http.Error
// 403 "Forbidden (user=..., verb=..., resource=..., subresource=...)", text/plain + nosniff; failed
// authentication: 401 "Unauthorized"). /pods answers a v1 PodList.
export const kubelet: Emulator = {
  id: 'kubelet (10250, HTTPS)',
  service: 'kubelet',
  tls: true,
  open: { '/pods': { body: podList }, '/healthz': { headers: { 'content-type': 'text/plain' }, body: 'ok' } },
  // --anonymous-auth=true (the default) with --authorization-mode=Webhook: anonymous is denied.
  secured: { deny: { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }, body: 'Forbidden (user=system:anonymous, verb=get, resource=nodes, subresource=proxy)\n' } },
};

export const kubeletReadOnly: Emulator = {
  id: 'kubelet read-only port (10255)',
  service: 'kubelet',
  open: { '/pods': { body: podList } },
  secured: { deny: { status: 404, headers: { 'content-type': 'text/plain' }, body: '404 page not found' } },
};

const k8sStatus = (code: number, path: string) => ({
  status: code,
  body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `forbidden: User "system:anonymous" cannot get path "${path}"`, reason: 'Forbidden', details: {}, code },
});

// checked: Kubernetes RBAC docs (system:public-info-viewer, bound to system:unauthenticated since 1.14,
// allows only /healthz, /livez, /readyz, /version; system:discovery is authenticated-only, so /api is 403
// for anonymous). unverified against apiserver source: the exact Status message wording.
export const kubernetesApi: Emulator = {
  id: 'kubernetes-api',
  service: 'kubernetes-api',
  tls: true,
  open: {
    '/version': { body: { major: '1', minor: '28', gitVersion: 'v1.28.3', gitCommit: 'a8a1abc25cad87333840cd7d54be2efaf31a3177', gitTreeState: 'clean', buildDate: '2023-10-18T11:33:18Z', goVersion: 'go1.20.10', compiler: 'gc', platform: 'linux/amd64' } },
    '/api': { body: { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '10.0.0.1:6443' }] } },
    '/api/v1/namespaces': { body: { kind: 'NamespaceList', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items: [{ metadata: { name: 'default' } }] } },
    '/api/v1/pods': { body: podList },
  },
  // Default RBAC: system:public-info-viewer lets anonymous read /version; everything else is 403.
  secured: {
    routes: { '/version': { body: { major: '1', minor: '28', gitVersion: 'v1.28.3', goVersion: 'go1.20.10', platform: 'linux/amd64' } } },
    deny: (req) => k8sStatus(403, (req.url ?? '/').split('?')[0]),
  },
};

// checked: jupyterhub/jupyterhub jupyterhub/apihandlers/hub.py (RootAPIHandler: GET /hub/api is not
// authenticated, {"version": ...}), jupyterhub/scopes.py needs_scope (403). An unauthenticated API
// request gets 403 {"status": 403, "message": "Missing or invalid credentials."} (seen from live hubs;
// the raise in apihandlers/base.py was not read).
export const jupyterhub: Emulator = {
  id: 'jupyterhub',
  service: 'jupyterhub',
  headers: { server: 'TornadoServer/6.3.3' },
  open: { '/hub/api': { body: { version: '4.1.5' } }, '/hub/api/users': { body: [{ name: 'alice', admin: true, server: '/user/alice/' }] } },
  secured: {
    routes: { '/hub/api': { body: { version: '4.1.5' } } },
    deny: (req) => ((req.url ?? '').startsWith('/hub/api/') ? { status: 403, body: { status: 403, message: 'Missing or invalid credentials.' } } : { status: 404, headers: { 'content-type': 'text/html' }, body: '<title>404 Not Found</title>' }),
  },
};

// Decoys: ordinary web servers that must never be taken for an ML service.
export const decoyAll200: Emulator = {
  id: 'decoy: 200 for everything',
  open: {},
  notFound: { status: 200, headers: { 'content-type': 'text/html' }, body: '<html><head><title>Welcome</title></head><body><h1>It works!</h1></body></html>' },
};

export const decoyAll200Json: Emulator = {
  id: 'decoy: 200 JSON for everything',
  open: {},
  notFound: { status: 200, body: { status: 'ok', version: '1.0.0', models: [], data: [], object: 'list', experiments: [] } },
};

export const decoyEcho: Emulator = {
  id: 'decoy: echoes the path',
  open: {},
  notFound: (req) => ({ status: 200, body: { path: req.url, method: req.method, headers: req.headers } }),
};

export const decoyEchoText: Emulator = {
  id: 'decoy: echoes the path as text',
  open: {},
  notFound: (req) => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: `You asked for ${req.url}` }),
};

// JupyterLab on jupyter_server. checked: jupyterlab/jupyterlab jupyterlab/labapp.py and
// jupyterlab_server (LabHandler renders /lab with <script id="jupyter-config-data"> and the title
// "JupyterLab"); jupyter_server GET /api is public ({"version": ...}), /api/kernels, /api/terminals and
// /api/contents need the token (403 from the API, /lab redirects to /login?next=%2Flab).
const tornado = { server: 'TornadoServer/6.4' };
export const jupyterlab: Emulator = {
  id: 'jupyterlab',
  service: 'jupyterlab',
  headers: tornado,
  open: {
    '/api': { body: { version: '2.14.2' } },
    '/lab': { headers: { 'content-type': 'text/html' }, body: '<!doctype html><html><head><title>JupyterLab</title><script id="jupyter-config-data" type="application/json">{"appName": "JupyterLab", "baseUrl": "/"}</script></head><body></body></html>' },
    '/api/kernels': { body: [] },
    '/api/terminals': { body: [] },
    '/api/contents': { body: { name: '', path: '', type: 'directory', content: [] } },
  },
  secured: {
    routes: { '/api': { body: { version: '2.14.2' } }, '/lab': { status: 302, headers: { location: '/login?next=%2Flab' }, body: '' }, '/login': { headers: { 'content-type': 'text/html' }, body: '<html><head><title>Jupyter Server</title></head><body>Password or token</body></html>' } },
    // API handlers refuse without the token; paths no handler serves are 404 for everyone.
    deny: (req) =>
      (req.url ?? '').startsWith('/api/')
        ? { status: 403, headers: { 'content-type': 'application/json' }, body: { message: 'Forbidden', reason: null } }
        : { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><head><title>404: Not Found</title></head><body>404 : Not Found</body></html>' },
  },
};
