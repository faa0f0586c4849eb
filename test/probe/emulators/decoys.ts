import type { Emulator } from './server.js';

// Decoys: ordinary web servers that must never be taken for an ML service.
export const decoyAll200: Emulator = {
  id: 'decoy: 200 for everything',
  open: {},
  notFound: { status: 200, headers: { 'content-type': 'text/html' }, body: '<html><head><title>Welcome</title></head><body><h1>It works!</h1></body></html>' },
};

export const decoyAll200Json: Emulator = {
  id: 'decoy: 200 JSON for everything',
  open: {},
  notFound: { status: 200, body: { status: 'ok', version: '1.0.0', models: [], data: [], object: 'list', experiments: [] } },
};

export const decoyEcho: Emulator = {
  id: 'decoy: echoes the path',
  open: {},
  notFound: (req) => ({ status: 200, body: { path: req.url, method: req.method, headers: req.headers } }),
};

export const decoyEchoText: Emulator = {
  id: 'decoy: echoes the path as text',
  open: {},
  notFound: (req) => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: `You asked for ${req.url}` }),
};
