import type { ServiceFingerprint } from './schema.js';

export const comfyui: ServiceFingerprint = {
  id: 'comfyui',
  name: 'ComfyUI',
  ports: [8188],
  docs: 'https://docs.comfy.org/development/comfyui-server/comms_routes',
  identify: [{ path: '/system_stats', marker: { jsonHas: ['system/python_version', 'devices'] }, auth: 'open' }],
  version: [{ path: '/system_stats', json: 'system/comfyui_version' }],
  checks: [
    { id: 'comfyui-open', path: '/object_info', marker: { header: { 'content-type': 'application/json' } } },
  ],
};
