import type { Emulator, Reply } from './server.js';

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
