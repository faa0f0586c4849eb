import type { ServiceFingerprint } from './schema.js';

export const torchserve: ServiceFingerprint = {
  id: 'torchserve',
  name: 'TorchServe',
  package: { ecosystem: 'PyPI', name: 'torchserve' },
  ports: [8080, 8081],
  docs: 'https://pytorch.org/serve/management_api.html',
  identify: [
    { path: '/api-description', marker: { jsonHas: ['openapi', 'info/title'], jsonContains: { 'info/title': 'TorchServe' } }, auth: 'open' },
    { path: '/ping', marker: { jsonEq: { status: 'Healthy' } }, auth: 'open' },
    // pytorch/serve frontend/server/src/main/java/org/pytorch/serve/http/TokenAuthorizationHandler.java:
    // token authorization (default on since 0.12) throws InvalidKeyException -> HTTP 400. The text is
    // "Token Authorization failed..." when the header is missing or wrong (>= 0.11), and "Token
    // Authentication failed..." in the 0.10 plugin. ServerInitializer puts ApiDescriptionRequestHandler
    // before the token handler, so /api-description still answers (and identifies) with auth on.
    { path: '/models', marker: { status: 400, bodyIncludes: ['Token Authorization failed'] }, auth: 'required' },
    { path: '/models', marker: { status: 400, bodyIncludes: ['Token Authentication failed'] }, auth: 'required' },
  ],
  version: [{ path: '/api-description', json: 'info/version' }],
  checks: [
    { id: 'torchserve-management', path: '/models', marker: { jsonHas: ['models'] } },
    { id: 'torchserve-model-list', path: '/models', marker: { jsonHas: ['models'] } },
  ],
};
