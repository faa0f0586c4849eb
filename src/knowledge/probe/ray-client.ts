import { encodeMessage } from '../../io/protobuf.js';
import type { GrpcServiceFingerprint } from './schema.js';

export const rayClient: GrpcServiceFingerprint = {
  id: 'ray-client',
  name: 'Ray client server',
  package: { ecosystem: 'PyPI', name: 'ray' },
  // `ray start --head --ray-client-server-port`, 10001 by default; `ray.init("ray://host:10001")`.
  ports: [10001],
  docs: 'https://docs.ray.io/en/latest/cluster/running-applications/job-submission/ray-client.html',
  // ray-project/ray src/ray/protobuf/ray_client.proto: service RayletDriver { rpc ClusterInfo(
  // ClusterInfoRequest) returns (ClusterInfoResponse) }; ClusterInfoRequest { ClusterInfoType.TypeEnum
  // type = 1; } with PING = 6; ClusterInfoResponse { TypeEnum type = 1; oneof { string json = 2; ... } }.
  // python/ray/util/client/server/proxier.py answers PING itself with json "{}" (no session needed),
  // and server.py does the same; PING reads nothing and changes nothing.
  method: '/ray.rpc.RayletDriver/ClusterInfo',
  request: encodeMessage([{ field: 1, varint: 6 }]),
  reply: [
    { no: 1, type: 'varint', values: [0, 6], optional: true, name: 'type' },
    { no: 2, type: 'json-object', name: 'json' },
  ],
  // python/ray/_private/authentication/grpc_authentication_server_interceptor.py: UNAUTHENTICATED,
  // "Invalid or missing authentication token".
  authMessages: ['invalid or missing authentication token'],
  check: 'ray-client-open',
};
