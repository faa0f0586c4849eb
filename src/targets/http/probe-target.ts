// A Target over live HTTP services: each origin the user named (or a CIDR/host expanded to) is
// probed, and every origin that answered becomes one 'http' Entry whose facts the endpoint rules
// judge. Closed ports from an expansion are skipped silently; an origin the user named explicitly
// that does not answer is reported, so an unreachable target never looks clean.
import { MemorySource } from '../../io/sources.js';
import type { OriginFacts } from './facts.js';
import { probeOrigin, type ProbeSettings } from './prober.js';
import type { ProbeClient } from './http-client.js';
import type { ProbeOrigin } from './origins.js';
import type { Entry, Target, TargetItem } from '../../core/types.js';

export interface ProbeTargetOptions extends ProbeSettings {
  /** Origins probed at once (requests are further bounded by the client). */
  originConcurrency?: number;
}

export class ProbeTarget implements Target {
  readonly results: OriginFacts[] = [];
  /** Per-origin wall time, for the bench and the stats record. */
  readonly originMs: number[] = [];
  closed = 0;
  budgetExhausted = false;

  constructor(
    readonly label: string,
    private readonly origins: ProbeOrigin[],
    private readonly client: ProbeClient,
    private readonly opts: ProbeTargetOptions = {},
  ) {}

  async *entries(): AsyncIterable<TargetItem> {
    const queue: TargetItem[] = [];
    let wake: (() => void) | undefined;
    let next = 0;
    let running = 0;
    const limit = Math.max(1, this.opts.originConcurrency ?? 64);
    const push = (item: TargetItem) => {
      queue.push(item);
      wake?.();
    };
    const launch = () => {
      while (running < limit && next < this.origins.length && !this.budgetExhausted) {
        const o = this.origins[next++];
        running++;
        const t0 = Date.now();
        probeOrigin(this.client, o, this.opts)
          .then((r) => {
            if (r.kind === 'closed') this.closed++;
            else if (r.kind === 'unreachable') push({ kind: 'error', path: o.label, message: r.message });
            else {
              this.originMs.push(Date.now() - t0);
              this.results.push(r.facts);
              if (r.facts.incomplete) this.budgetExhausted = true;
              push({ kind: 'entry', entry: httpEntry(r.facts) });
            }
            if (this.client.remaining === 0) this.budgetExhausted = true;
          })
          .catch((e: unknown) => push({ kind: 'error', path: o.label, message: `probe failed: ${e instanceof Error ? e.message : String(e)}` }))
          .finally(() => {
            running--;
            launch();
            wake?.();
          });
      }
    };
    launch();
    while (running > 0 || queue.length > 0) {
      if (queue.length === 0) {
        await new Promise<void>((r) => (wake = r));
        wake = undefined;
        continue;
      }
      yield queue.shift()!;
    }
    if (this.budgetExhausted) {
      const skipped = this.origins.length - next;
      yield {
        kind: 'error',
        ruleId: 'scan/limit-exceeded',
        path: this.label,
        message: `request budget of ${this.client.limits.maxRequests} was spent: ${skipped} origin(s) were not probed and the last ones only partly (raise it with --max-requests)`,
      };
    }
  }
}

export function httpEntry(facts: OriginFacts): Entry {
  return {
    kind: 'http',
    path: facts.url,
    name: facts.url,
    size: 0,
    source: new MemorySource(Buffer.alloc(0)),
    depth: 0,
    type: { kind: 'http', text: false },
    provenance: { url: facts.url },
    facts,
  };
}
