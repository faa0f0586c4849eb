// One line saying where an entry came from beyond its path: the image layer that added a file,
// the build step, and the layer that deleted or replaced it.
import type { Finding } from '../core/types.js';

export function describeProvenance(f: Finding): string | undefined {
  const p = f.properties?.provenance as Record<string, unknown> | undefined;
  if (!p) return undefined;
  const parts: string[] = [];
  if (p.image) parts.push(`image ${p.image}`);
  if (typeof p.layerIndex === 'number') {
    const layer = String(p.layer ?? '').replace(/^sha256:([0-9a-f]{12})[0-9a-f]*$/, 'sha256:$1');
    parts.push(`added in layer ${p.layerIndex} (${layer})${p.createdBy ? ` by \`${String(p.createdBy).slice(0, 80)}\`` : ''}`);
  }
  if (typeof p.deletedInLayer === 'number') parts.push(`deleted in layer ${p.deletedInLayer} — still in the image`);
  if (typeof p.overwrittenInLayer === 'number') parts.push(`replaced in layer ${p.overwrittenInLayer} — old version still in the image`);
  if (p.role === 'image-config') parts.push('image config');
  for (const k of ['host', 'url'] as const) if (typeof p[k] === 'string') parts.push(`${k} ${p[k]}`);
  return parts.length ? parts.join('; ') : undefined;
}
