// The service fingerprints live in src/knowledge/probe/ (one file per service). This re-export is
// kept only because src/scan/probe.ts imports the list from here; it goes when that import moves.
export { GRPC_SERVICES, SERVICES, wellKnownPorts } from '../../knowledge/probe/index.js';
