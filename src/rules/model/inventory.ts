// The inventory record every model file yields (path, format, framework guess, size, tensor count
// where cheap, sha256 only when the run asks for it with --hash), ready for an AI bill of materials.
import { createHash } from 'node:crypto';
import type { RuleContext } from '../../core/types.js';

export interface ModelFacts {
  format: string;
  framework?: string;
  tensors?: number;
  [key: string]: unknown;
}

/** Streams the entry through sha256: bounded memory, and only when `options.hash` is set. */
export async function sha256Of(ctx: RuleContext): Promise<string | undefined> {
  if (!ctx.options.hash) return undefined;
  const h = createHash('sha256');
  for await (const chunk of ctx.entry.source.stream(0)) h.update(chunk);
  return h.digest('hex');
}

export async function recordModel(ctx: RuleContext, facts: ModelFacts): Promise<void> {
  const { entry } = ctx;
  const sha256 = await sha256Of(ctx);
  ctx.inventory({
    kind: 'model',
    path: entry.path,
    ...(entry.innerPath ? { innerPath: entry.innerPath } : {}),
    ...facts,
    size: entry.size,
    ...(sha256 ? { sha256 } : {}),
  });
}
