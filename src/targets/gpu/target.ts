// A GPU host as a scan target: one 'host' Entry whose facts are the captured evidence.
import { MemorySource } from '../../io/sources.js';
import type { Target } from '../../core/types.js';
import type { GpuEvidence } from '../../parsers/gpu/evidence.js';

export function gpuTarget(ev: GpuEvidence): Target {
  return {
    label: ev.label,
    async *entries() {
      yield {
        kind: 'entry' as const,
        entry: {
          kind: 'host' as const,
          path: ev.label,
          name: ev.label,
          size: 0,
          source: new MemorySource(Buffer.alloc(0)),
          depth: 0,
          type: { kind: 'host', text: false },
          provenance: { host: ev.label, evidence: ev.source },
          facts: ev,
        },
      };
    },
  };
}
