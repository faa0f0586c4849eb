import type { ServiceFingerprint } from './schema.js';

export const ollama: ServiceFingerprint = {
  id: 'ollama',
  name: 'Ollama',
  package: { ecosystem: 'Go', name: 'github.com/ollama/ollama' },
  ports: [11434],
  docs: 'https://github.com/ollama/ollama/blob/main/docs/api.md',
  identify: [{ path: '/', marker: { bodyIs: 'Ollama is running' }, auth: 'open' }],
  version: [{ path: '/api/version', json: 'version' }],
  checks: [
    { id: 'ollama-model-management', path: '/api/tags', marker: { jsonHas: ['models'] } },
    { id: 'ollama-tags', path: '/api/tags', marker: { jsonHas: ['models'] } },
    { id: 'ollama-inference', path: '/api/tags', marker: { jsonHas: ['models'] } },
  ],
  active: { bodyPath: '/api/show', burstPath: '/api/version' },
};
