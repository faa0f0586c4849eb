import type { ServiceFingerprint } from './schema.js';

export const gradio: ServiceFingerprint = {
  id: 'gradio',
  name: 'Gradio app',
  package: { ecosystem: 'PyPI', name: 'gradio' },
  ports: [7860],
  docs: 'https://www.gradio.app/guides/sharing-your-app',
  identify: [{ path: '/config', marker: { jsonHas: ['version', 'mode', 'components'] }, auth: 'open' }],
  version: [{ path: '/config', json: 'version' }],
  checks: [
    { id: 'gradio-api', path: '/gradio_api/info', marker: { jsonHas: ['named_endpoints'] } },
    { id: 'gradio-api-v4', path: '/info', marker: { jsonHas: ['named_endpoints'] } },
  ],
};
