import type { Emulator } from './server.js';
import { proxy401 } from './replies.js';

// checked: streamlit/streamlit lib/streamlit/web/server/routes.py (HostConfigHandler: allowedOrigins,
// useExternalAuthToken, enableCustomParentMessages, ...; /_stcore/health "ok"). Streamlit has no
// authentication of its own; the secured mode is a reverse proxy.
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
