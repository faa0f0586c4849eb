import type { Emulator } from './server.js';
import { proxy401 } from './replies.js';

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
