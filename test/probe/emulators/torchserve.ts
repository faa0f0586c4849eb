import type { Emulator } from './server.js';

// checked: pytorch/serve frontend/server/src/main/java/org/pytorch/serve/openapi/OpenApiUtils.java
// (info.title "TorchServe APIs", description, version), .../http/api/rest/ApiDescriptionRequestHandler.java
// (GET /api-description), .../http/TokenAuthorizationHandler.java (400 InvalidKeyException "Token
// Authorization failed. ..."), ServerInitializer (the API-description handler runs before the token
// handler, so /api-description stays public and /ping does not).
// unverified: the /ping body {"status": "Healthy"} (docs only).
export const torchserve: Emulator = {
  id: 'torchserve',
  service: 'torchserve',
  open: {
    '/ping': { body: { status: 'Healthy' } },
    '/api-description': { body: { openapi: '3.0.1', info: { title: 'TorchServe APIs', description: 'TorchServe is a flexible and easy to use tool for serving deep learning models', version: '0.8.2' }, paths: { '/models': {} } } },
    '/models': { body: { models: [{ modelName: 'squeezenet1_1', modelUrl: 'squeezenet1_1.mar' }] } },
  },
  secured: {
    routes: { '/api-description': { body: { openapi: '3.0.1', info: { title: 'TorchServe APIs', description: 'TorchServe is a flexible and easy to use tool for serving deep learning models', version: '0.12.0' }, paths: { '/models': {} } } } },
    deny: { status: 400, body: { code: 400, type: 'InvalidKeyException', message: 'Token Authorization failed. Token either incorrect, expired, or not provided correctly' } },
  },
  notFound: { status: 404, body: { code: 404, type: 'ResourceNotFoundException', message: 'Requested resource is not found, please refer to API document.' } },
};
