// The facts a probe gathered about one origin, as a model for the endpoint rules.
import type { Entry, Parser } from '../../core/types.js';
import type { OriginFacts } from '../../targets/http/facts.js';

function isProbeFacts(f: unknown): f is OriginFacts {
  return typeof f === 'object' && f !== null && (f as { probe?: unknown }).probe === true;
}

export const probeParser: Parser<OriginFacts> = {
  id: 'probe',
  accepts: (entry: Entry) => entry.kind === 'http' && isProbeFacts(entry.facts),
  async parse(entry) {
    return entry.facts as OriginFacts;
  },
};
