import type { Emulator } from './server.js';

// checked: jupyterhub/jupyterhub jupyterhub/apihandlers/hub.py (RootAPIHandler: GET /hub/api is not
// authenticated, {"version": ...}), jupyterhub/scopes.py needs_scope (403). An unauthenticated API
// request gets 403 {"status": 403, "message": "Missing or invalid credentials."} (seen from live hubs;
// the raise in apihandlers/base.py was not read).
export const jupyterhub: Emulator = {
  id: 'jupyterhub',
  service: 'jupyterhub',
  headers: { server: 'TornadoServer/6.3.3' },
  open: { '/hub/api': { body: { version: '4.1.5' } }, '/hub/api/users': { body: [{ name: 'alice', admin: true, server: '/user/alice/' }] } },
  secured: {
    routes: { '/hub/api': { body: { version: '4.1.5' } } },
    deny: (req) => ((req.url ?? '').startsWith('/hub/api/') ? { status: 403, body: { status: 403, message: 'Missing or invalid credentials.' } } : { status: 404, headers: { 'content-type': 'text/html' }, body: '<title>404 Not Found</title>' }),
  },
};
