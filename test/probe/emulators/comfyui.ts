import type { Emulator } from './server.js';
import { proxy401 } from './replies.js';

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
