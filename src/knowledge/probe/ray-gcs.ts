import type { GrpcServiceFingerprint } from './schema.js';

export const rayGcs: GrpcServiceFingerprint = {
  id: 'ray-gcs',
  name: 'Ray GCS server',
  package: { ecosystem: 'PyPI', name: 'ray' },
  // `ray start --head` puts the GCS on --port, 6379 by default since Ray 1.11 (GCS without Redis).
  ports: [6379],
  docs: 'https://docs.ray.io/en/latest/ray-security/index.html',
  // ray-project/ray src/ray/protobuf/gcs_service.proto: service NodeInfoGcsService { rpc
  // GetClusterId(GetClusterIdRequest) returns (GetClusterIdReply) } — "must be called before any
  // other RPC", so it needs no cluster-id metadata; GetClusterIdRequest is empty; GetClusterIdReply
  // { GcsStatus status = 1; bytes cluster_id = 2; } where a ClusterID is a 28-byte UniqueID. The
  // handler only reads the id. (Ray < 2.7 has no GetClusterId and is not recognised here.)
  method: '/ray.rpc.NodeInfoGcsService/GetClusterId',
  request: Buffer.alloc(0),
  reply: [
    { no: 1, type: 'message', optional: true, name: 'status' },
    { no: 2, type: 'bytes', length: 28, name: 'cluster_id' },
  ],
  // RAY_AUTH_MODE=token (Ray >= 2.52): every GCS RPC needs `authorization: Bearer <token>` metadata;
  // without it the call fails UNAUTHENTICATED ("Authentication token is missing or incorrect",
  // src/ray/rpc/authentication/tests/grpc_auth_token_tests.cc).
  authMessages: ['token is missing or incorrect'],
  check: 'ray-gcs-open',
};
