import type { Emulator } from './server.js';

// checked: gradio-app/gradio gradio/routes.py (4.x: GET /config and /info with
// Depends(login_check); login_check raises 401 {"detail": "Not authenticated"}; 5.x moves /info to
// /gradio_api/info and the detail to {"error": "Not authenticated", "auth_message": ...}).
// unverified: the full /config key set (version, mode, components are present in every version seen).
export const gradio: Emulator = {
  id: 'gradio',
  service: 'gradio',
  headers: { server: 'uvicorn' },
  open: {
    '/config': { body: { version: '4.19.2', mode: 'interface', dev_mode: false, analytics_enabled: true, components: [{ id: 1, type: 'textbox', props: { label: 'prompt' } }], css: null, title: 'Gradio', is_space: false, enable_queue: true, show_error: false, dependencies: [{ targets: [[3, 'click']], api_name: 'predict' }], root: '' } },
    '/info': { body: { named_endpoints: { '/predict': { parameters: [{ label: 'prompt' }], returns: [{ label: 'output' }] } }, unnamed_endpoints: {} } },
  },
  // launch(auth=...): login_check raises 401 {"detail": "Not authenticated"}.
  secured: { routes: { '/': { headers: { 'content-type': 'text/html' }, body: '<html><body><gradio-app></gradio-app></body></html>' } }, deny: { status: 401, body: { detail: 'Not authenticated' } } },
  notFound: { status: 404, body: { detail: 'Not Found' } },
};
