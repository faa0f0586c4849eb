// Emulators of the ML services mlwarden probes, built from each service's source and docs:
// the same paths, status codes, JSON shapes, headers and authentication behaviour. Each has an open
// mode (the insecure default or misconfiguration) and a secured mode (the documented hardening).
// Sources: MLflow server/handlers.py + server/auth (Basic realm="mlflow"); Ray dashboard
// modules/version + job_head.py; TorchServe docs/management_api.md, token_authorization_api.md;
// Triton docs/protocol/*.md and --http-restricted-api; Ollama docs/api.md; vLLM
// entrypoints/openai/api_server.py (--api-key); TGI router /info; TF Serving api_rest; KServe
// protocol/dataplane.py; Gradio routes.py; Streamlit web/server/routes.py; Kubeflow centraldashboard
// api.ts and KFP healthz; Airflow stable REST API; TensorBoard data/environment; ComfyUI server.py;
// Prometheus api/v1; dcgm-exporter default-counters; kubelet server.go; kube-apiserver /version.
import type { Emulator, Reply } from './server.js';

const PROM = { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' };
const basicChallenge = (realm: string): Reply => ({ status: 401, headers: { 'www-authenticate': `Basic realm="${realm}"`, 'content-type': 'text/plain' }, body: 'Unauthorized' });
const proxy401: Reply = { status: 401, headers: { 'www-authenticate': 'Basic realm="Restricted"', 'content-type': 'text/html' }, body: '<html><head><title>401 Authorization Required</title></head><body><center><h1>401 Authorization Required</h1></center><hr><center>nginx</center></body></html>' };
const istioDenied: Reply = { status: 403, headers: { 'content-type': 'text/plain', server: 'istio-envoy' }, body: 'RBAC: access denied' };

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
    // mlflow server --app-name basic-auth: only /health and /version and static files stay public.
    routes: {
      '/version': { headers: { 'content-type': 'text/plain' }, body: '2.9.2' },
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

export const ray: Emulator = {
  id: 'ray',
  service: 'ray',
  headers: { server: 'Python/3.10 aiohttp/3.9.1' },
  open: {
    '/api/version': { body: { version: '4', ray_version: '2.8.0', ray_commit: '105355bd253d6538ed34d331f6a4bdf0e38ace3a', session_name: 'session_2024-01-01_00-00-00_000000_1' } },
    '/api/jobs/': { body: [{ type: 'SUBMISSION', job_id: null, submission_id: 'raysubmit_XyZ', status: 'SUCCEEDED', entrypoint: 'python train.py', message: 'Job finished successfully.' }] },
    '/': { headers: { 'content-type': 'text/html' }, body: '<!doctype html><html><head><title>Ray Dashboard</title></head><body></body></html>' },
  },
  // Ray token authentication (RAY_AUTH_MODE=token): every dashboard request needs the token.
  secured: { deny: { status: 401, headers: { 'content-type': 'text/plain' }, body: 'Unauthorized: Missing authentication token' } },
};

export const torchserve: Emulator = {
  id: 'torchserve',
  service: 'torchserve',
  open: {
    '/ping': { body: { status: 'Healthy' } },
    '/api-description': { body: { openapi: '3.0.1', info: { title: 'TorchServe APIs', description: 'TorchServe is a flexible and easy to use tool for serving deep learning models', version: '0.8.2' }, paths: { '/models': {} } } },
    '/models': { body: { models: [{ modelName: 'squeezenet1_1', modelUrl: 'squeezenet1_1.mar' }] } },
  },
  secured: {
    routes: { '/ping': { body: { status: 'Healthy' } } },
    deny: { status: 400, body: { code: 400, type: 'InvalidKeyException', message: 'Token Authorization failed. Token either incorrect, expired, or not provided correctly' } },
  },
  notFound: { status: 404, body: { code: 404, type: 'ResourceNotFoundException', message: 'Requested resource is not found, please refer to API document.' } },
};

export const torchserveMetrics: Emulator = {
  id: 'torchserve-metrics',
  service: 'torchserve-metrics',
  open: {
    '/metrics': { headers: PROM, body: '# HELP ts_inference_requests_total Total number of inference requests.\n# TYPE ts_inference_requests_total counter\nts_inference_requests_total{uuid="e2b9",model_name="squeezenet1_1",model_version="default",} 12.0\n' },
  },
  secured: { deny: proxy401 },
};

export const triton: Emulator = {
  id: 'triton',
  service: 'triton',
  open: {
    '/v2': { body: { name: 'triton', version: '2.41.0', extensions: ['classification', 'sequence', 'model_repository', 'model_repository(unload_dependents)', 'schedule_policy', 'model_configuration', 'system_shared_memory', 'cuda_shared_memory', 'binary_tensor_data', 'parameters', 'statistics', 'trace', 'logging'] } },
    '/v2/health/ready': { status: 200, body: '' },
    '/v2/models/stats': { body: { model_stats: [{ name: 'densenet_onnx', version: '1', last_inference: 0, inference_count: 0, execution_count: 0 }] } },
  },
  // --http-restricted-api=model-repository,statistics,inference:admin-key=secret
  secured: {
    routes: { '/v2': { body: { name: 'triton', version: '2.41.0', extensions: ['model_repository', 'statistics'] } }, '/v2/health/ready': { body: '' } },
    deny: { status: 403, body: { error: "This API is restricted, expecting header 'admin-key'" } },
  },
  notFound: { status: 400, body: { error: 'Not Found' } },
};

export const tritonMetrics: Emulator = {
  id: 'triton-metrics',
  service: 'triton-metrics',
  open: { '/metrics': { headers: PROM, body: '# HELP nv_inference_request_success Number of successful inference requests\n# TYPE nv_inference_request_success counter\nnv_inference_request_success{model="densenet_onnx",version="1"} 0\n' } },
  secured: { deny: proxy401 },
};

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

export const vllm: Emulator = {
  id: 'vllm',
  service: 'vllm',
  headers: { server: 'uvicorn' },
  open: {
    '/v1/models': { body: { object: 'list', data: [{ id: 'facebook/opt-125m', object: 'model', created: 1715000000, owned_by: 'vllm', root: 'facebook/opt-125m', parent: null, max_model_len: 2048, permission: [] }] } },
    '/version': { body: { version: '0.4.2' } },
    '/health': { body: '' },
    '/metrics': { headers: PROM, body: '# HELP vllm:num_requests_running Number of requests currently running on GPU.\n# TYPE vllm:num_requests_running gauge\nvllm:num_requests_running{model_name="facebook/opt-125m"} 0.0\n' },
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
  // --api-key: every /v1 route answers 401 {"error": "Unauthorized"}; /version and /health stay open.
  secured: {
    routes: { '/version': { body: { version: '0.4.2' } }, '/health': { body: '' } },
    deny: { status: 401, body: { error: 'Unauthorized' } },
  },
  notFound: { status: 404, body: { detail: 'Not Found' } },
};

export const openaiCompatible: Emulator = {
  id: 'openai-compatible (llama.cpp server)',
  service: 'openai-compatible',
  open: { '/v1/models': { body: { object: 'list', data: [{ id: 'models/mistral-7b-instruct.Q4_K_M.gguf', object: 'model', created: 1715000000, owned_by: 'llamacpp', meta: { n_ctx_train: 32768 } }] } } },
  secured: { deny: { status: 401, body: { error: { code: 401, message: 'Invalid API Key', type: 'authentication_error' } } } },
};

export const tgi: Emulator = {
  id: 'tgi',
  service: 'tgi',
  open: {
    '/info': { body: { model_id: 'bigscience/bloom-560m', model_sha: '4f42c91d806a19ae1a46af6c3fb5f4990d884cd6', model_dtype: 'torch.float16', model_device_type: 'cuda', model_pipeline_tag: 'text-generation', max_concurrent_requests: 128, max_best_of: 2, max_stop_sequences: 4, max_input_length: 1024, max_total_tokens: 2048, waiting_served_ratio: 1.2, max_batch_total_tokens: 16000, max_waiting_tokens: 20, max_batch_size: null, validation_workers: 2, max_client_batch_size: 4, router: 'text-generation-router', version: '2.0.1', sha: null, docker_label: null, max_top_n_tokens: 5 } },
    '/health': { body: '' },
  },
  secured: { deny: proxy401 },
  notFound: { status: 404, body: '' },
};

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

export const kubeflowPipelines: Emulator = {
  id: 'kubeflow-pipelines',
  service: 'kubeflow-pipelines',
  open: {
    '/apis/v1beta1/healthz': { body: { commit_sha: '2b08e7dd4f5e2b5c6d8d0e0b9e1c52d7f2c3b1a0', tag_name: '2.0.5', multi_user: false } },
    '/apis/v2beta1/pipelines': { body: { pipelines: [{ pipeline_id: 'b4c8', display_name: '[Tutorial] Data passing in python components', created_at: '2024-01-01T00:00:00Z' }], total_size: 1 } },
  },
  secured: { deny: istioDenied },
};

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
    deny: { status: 401, headers: { 'content-type': 'application/problem+json', 'www-authenticate': 'Basic' }, body: { detail: null, status: 401, title: 'Unauthorized', type: 'https://airflow.apache.org/docs/apache-airflow/2.7.3/stable-rest-api-ref.html#section/Errors/Unauthenticated' } },
  },
  notFound: { status: 404, headers: { 'content-type': 'text/html' }, body: '<!DOCTYPE html><title>Airflow 404</title>' },
};

export const tensorboard: Emulator = {
  id: 'tensorboard',
  service: 'tensorboard',
  headers: { server: 'Werkzeug/3.0.1 Python/3.10.12' },
  open: { '/data/environment': { body: { version: '2.15.1', data_location: '/home/alice/runs', window_title: '', experiment_name: '', experiment_description: '', creation_time: 0 } } },
  secured: { deny: proxy401 },
};

export const comfyui: Emulator = {
  id: 'comfyui',
  service: 'comfyui',
  headers: { server: 'Python/3.11 aiohttp/3.9.5' },
  open: {
    '/system_stats': { body: { system: { os: 'posix', ram_total: 67108864000, ram_free: 60000000000, comfyui_version: '0.3.10', python_version: '3.11.9 (main, Apr  6 2024, 17:59:24) [GCC 11.4.0]', pytorch_version: '2.3.0+cu121', embedded_python: false, argv: ['main.py', '--listen'] }, devices: [{ name: 'cuda:0 NVIDIA A10G : cudaMallocAsync', type: 'cuda', index: 0, vram_total: 23836098560, vram_free: 23000000000 }] } },
    '/object_info': { body: { KSampler: { input: { required: { seed: ['INT', { default: 0 }] } }, output: ['LATENT'], name: 'KSampler', category: 'sampling' } } },
  },
  secured: { deny: proxy401 },
};

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

export const dcgmExporter: Emulator = {
  id: 'dcgm-exporter',
  service: 'dcgm-exporter',
  open: { '/metrics': { headers: PROM, body: '# HELP DCGM_FI_DEV_GPU_UTIL GPU utilization (in %).\n# TYPE DCGM_FI_DEV_GPU_UTIL gauge\nDCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-5fd4c1a0-1b1b-2c2c-3d3d-4e4e4e4e4e4e",device="nvidia0",modelName="NVIDIA A100-SXM4-40GB",Hostname="gpu-node-1",container="trainer",namespace="ml",pod="trainer-0"} 87\n' } },
  secured: { deny: proxy401 },
};

const podList = { kind: 'PodList', apiVersion: 'v1', metadata: {}, items: [{ metadata: { name: 'trainer-0', namespace: 'ml' }, spec: { containers: [{ name: 'trainer', image: 'registry.example/trainer:1.0' }] } }] };

export const kubelet: Emulator = {
  id: 'kubelet (10250, HTTPS)',
  service: 'kubelet',
  tls: true,
  open: { '/pods': { body: podList }, '/healthz': { headers: { 'content-type': 'text/plain' }, body: 'ok' } },
  // --anonymous-auth=true (the default) with --authorization-mode=Webhook: anonymous is denied.
  secured: { deny: { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Forbidden (user=system:anonymous, verb=get, resource=nodes, subresource=proxy)' } },
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

export const jupyterhub: Emulator = {
  id: 'jupyterhub',
  service: 'jupyterhub',
  headers: { server: 'TornadoServer/6.3.3' },
  open: { '/hub/api': { body: { version: '4.1.5' } }, '/hub/api/users': { body: [{ name: 'alice', admin: true, server: '/user/alice/' }] } },
  secured: {
    routes: { '/hub/api': { body: { version: '4.1.5' } } },
    deny: (req) => ((req.url ?? '').startsWith('/hub/api/') ? { status: 403, body: { status: 403, message: 'Forbidden' } } : { status: 404, headers: { 'content-type': 'text/html' }, body: '<title>404 Not Found</title>' }),
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
