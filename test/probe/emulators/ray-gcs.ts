// checked: ray-project/ray src/ray/protobuf/gcs_service.proto (NodeInfoGcsService.GetClusterId:
// empty request; reply { GcsStatus status = 1; bytes cluster_id = 2 }, a 28-byte UniqueID) and
// src/ray/rpc/authentication/tests/grpc_auth_token_tests.cc (token mode, C++ servers:
// UNAUTHENTICATED "Authentication token is missing or incorrect").
// unverified: the exact grpc-message text the C++ GCS puts on the wire for a missing token (the
// client-side test sees it prefixed with "InvalidAuthToken: ").
import { encodeMessage } from '../../../src/io/protobuf.js';
import type { GrpcServiceEmulator } from './grpc.js';

const CLUSTER_ID = Buffer.from('c0ffee'.padEnd(56, '0'), 'hex'); // 28 bytes

export const rayGcs: GrpcServiceEmulator = {
  async answer(path) {
    if (path === '/ray.rpc.NodeInfoGcsService/GetClusterId') return { status: 0, body: encodeMessage([{ field: 1, bytes: Buffer.alloc(0) }, { field: 2, bytes: CLUSTER_ID }]) };
    if (path === '/ray.rpc.NodeInfoGcsService/CheckAlive') return { status: 0, body: encodeMessage([{ field: 1, bytes: Buffer.alloc(0) }, { field: 2, bytes: '2.52.0' }]) };
    return { status: 12, message: '' };
  },
  tokenDenial: 'Authentication token is missing or incorrect',
};
