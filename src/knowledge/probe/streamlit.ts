import type { ServiceFingerprint } from './schema.js';

export const streamlit: ServiceFingerprint = {
  id: 'streamlit',
  name: 'Streamlit app',
  package: { ecosystem: 'PyPI', name: 'streamlit' },
  ports: [8501],
  docs: 'https://docs.streamlit.io/develop/api-reference/configuration/config.toml',
  identify: [{ path: '/_stcore/host-config', marker: { jsonHas: ['allowedOrigins'] }, auth: 'open' }],
  checks: [{ id: 'streamlit-app', path: '/_stcore/health', marker: { bodyIs: 'ok' } }],
};
