import type { Emulator } from './server.js';
import { basicChallenge } from './replies.js';

// checked: the PrometheusVersion JSON fields (version, revision, branch, buildUser, buildDate,
// goVersion), via prometheus-community/windows_exporter's copy "Same struct prometheus uses".
// unverified: /api/v1/status/flags and /api/v1/targets bodies (from the HTTP API docs).
export const prometheus: Emulator = {
  id: 'prometheus',
  service: 'prometheus',
  open: {
    '/api/v1/status/buildinfo': { body: { status: 'success', data: { version: '2.45.0', revision: '8ef767e396bf8445f009f945b0162fd71827f445', branch: 'HEAD', buildUser: 'root@920118f645b7', buildDate: '20230623-15:09:49', goVersion: 'go1.20.5' } } },
    '/api/v1/targets': { body: { status: 'success', data: { activeTargets: [{ labels: { instance: 'gpu-node-1:9400', job: 'dcgm' }, health: 'up' }], droppedTargets: [] } } },
    '/api/v1/status/flags': { body: { status: 'success', data: { 'web.enable-admin-api': 'true', 'web.listen-address': '0.0.0.0:9090' } } },
  },
  // --web.config.file with basic_auth_users.
  secured: { deny: basicChallenge('Prometheus') },
};
