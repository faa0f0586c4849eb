// Replies several emulators share: Prometheus text, the denials of the proxies and meshes that
// secure services without authentication of their own, and a v1 PodList (kubelet and API server).
import type { Reply } from './server.js';

export const PROM = { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' };
export const basicChallenge = (realm: string): Reply => ({ status: 401, headers: { 'www-authenticate': `Basic realm="${realm}"`, 'content-type': 'text/plain' }, body: 'Unauthorized' });
export const proxy401: Reply = { status: 401, headers: { 'www-authenticate': 'Basic realm="Restricted"', 'content-type': 'text/html' }, body: '<html><head><title>401 Authorization Required</title></head><body><center><h1>401 Authorization Required</h1></center><hr><center>nginx</center></body></html>' };
export const istioDenied: Reply = { status: 403, headers: { 'content-type': 'text/plain', server: 'istio-envoy' }, body: 'RBAC: access denied' };
export const podList = { kind: 'PodList', apiVersion: 'v1', metadata: {}, items: [{ metadata: { name: 'trainer-0', namespace: 'ml' }, spec: { containers: [{ name: 'trainer', image: 'registry.example/trainer:1.0' }] } }] };
