// Matches a response against a declarative marker (src/knowledge/probe/schema.ts), the second
// feature of every fingerprint (the first is the path). Linear checks only (JSON lookups, substring
// tests): no regular expressions run on response bodies.
import type { ProbeResponse } from './http-client.js';
import type { Marker } from '../../knowledge/probe/schema.js';

export function jsonBody(res: ProbeResponse): unknown {
  if (res.truncated || res.body.length === 0) return undefined;
  const first = res.body.subarray(0, 64).toString('utf8').trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(res.body.toString('utf8'));
  } catch {
    return undefined;
  }
}

export function jsonAt(v: unknown, path: string): unknown {
  let cur = v;
  for (const seg of path.split('/')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(seg)) return undefined;
      cur = cur[Number(seg)];
    } else {
      if (!Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
      cur = (cur as Record<string, unknown>)[seg];
    }
  }
  return cur;
}

/** A short human description of a marker, for evidence. */
export function describeMarker(m: Marker): string {
  const parts: string[] = [];
  const st = m.status ?? 200;
  parts.push(`status ${Array.isArray(st) ? st.join('|') : st}`);
  for (const p of m.jsonHas ?? []) parts.push(`JSON has ${p}`);
  for (const [p, v] of Object.entries(m.jsonEq ?? {})) parts.push(`JSON ${p} = ${JSON.stringify(v)}`);
  for (const [p, v] of Object.entries(m.jsonContains ?? {})) parts.push(`JSON ${p} contains ${JSON.stringify(v)}`);
  for (const [p, v] of Object.entries(m.jsonGt ?? {})) parts.push(`JSON ${p} > ${v}`);
  if (m.jsonArray) parts.push('JSON array');
  for (const s of m.bodyIncludes ?? []) parts.push(`body contains ${JSON.stringify(s)}`);
  if (m.bodyIs !== undefined) parts.push(`body is ${JSON.stringify(m.bodyIs)}`);
  for (const [h, v] of Object.entries(m.header ?? {})) parts.push(`header ${h} contains ${JSON.stringify(v)}`);
  return parts.join(', ');
}

export function matches(res: ProbeResponse, m: Marker): boolean {
  const st = m.status ?? 200;
  if (Array.isArray(st) ? !st.includes(res.status) : res.status !== st) return false;
  for (const [h, v] of Object.entries(m.header ?? {})) {
    if (!(res.headers[h] ?? '').toLowerCase().includes(v.toLowerCase())) return false;
  }
  if (m.bodyIncludes || m.bodyIs !== undefined) {
    const text = res.body.toString('utf8');
    if (m.bodyIs !== undefined && text.trim() !== m.bodyIs) return false;
    for (const s of m.bodyIncludes ?? []) if (!text.includes(s)) return false;
  }
  const needsJson = m.jsonHas || m.jsonEq || m.jsonContains || m.jsonGt || m.jsonArray;
  if (!needsJson) return true;
  const j = jsonBody(res);
  if (j === undefined) return false;
  if (m.jsonArray && !Array.isArray(j)) return false;
  if (!m.jsonArray && (m.jsonHas || m.jsonEq || m.jsonContains || m.jsonGt) && (typeof j !== 'object' || j === null)) return false;
  for (const p of m.jsonHas ?? []) if (jsonAt(j, p) === undefined) return false;
  for (const [p, v] of Object.entries(m.jsonEq ?? {})) if (jsonAt(j, p) !== v) return false;
  for (const [p, v] of Object.entries(m.jsonContains ?? {})) {
    const at = jsonAt(j, p);
    if (Array.isArray(at) ? !at.includes(v) : typeof at === 'string' ? !at.includes(v) : true) return false;
  }
  for (const [p, v] of Object.entries(m.jsonGt ?? {})) {
    const at = jsonAt(j, p);
    if (typeof at !== 'number' || !(at > v)) return false;
  }
  return true;
}
