// checked: ray-project/ray src/ray/protobuf/ray_client.proto (RayletDriver.ClusterInfo: request
// { type = 1 }, PING = 6; reply { type = 1; oneof { string json = 2; ... } }),
// python/ray/util/client/server/proxier.py (PING answered with json "{}") and
// python/ray/_private/authentication/grpc_authentication_server_interceptor.py (token mode:
// UNAUTHENTICATED "Invalid or missing authentication token").
import { encodeMessage, fields } from '../../../src/io/protobuf.js';
import { MemorySource } from '../../../src/io/sources.js';
import { WindowReader } from '../../../src/io/window-reader.js';
import type { GrpcServiceEmulator } from './grpc.js';

async function requestType(req: Buffer): Promise<number> {
  for await (const f of fields(new WindowReader(new MemorySource(req)), 0, req.length)) if (f.field === 1) return f.value;
  return 0;
}

export const rayClient: GrpcServiceEmulator = {
  async answer(path, req) {
    if (path !== '/ray.rpc.RayletDriver/ClusterInfo') return { status: 12, message: 'Method not found!' };
    // proxier.py: PING is answered by the proxy itself, without the type field.
    if ((await requestType(req)) === 6) return { status: 0, body: encodeMessage([{ field: 2, bytes: '{}' }]) };
    return { status: 5, message: 'Channel for client not found' };
  },
  tokenDenial: 'Invalid or missing authentication token',
};
