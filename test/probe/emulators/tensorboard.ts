import type { Emulator } from './server.js';
import { proxy401 } from './replies.js';

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
