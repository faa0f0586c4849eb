import type { Emulator } from './server.js';
import { istioDenied } from './replies.js';

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
