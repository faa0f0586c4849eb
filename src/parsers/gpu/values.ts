// nvidia-smi prints placeholders instead of values: 'N/A', '[N/A]', '[Not Found]', 'Requested
// functionality has been deprecated', '[Insufficient Permissions]'. They mean "unknown", never zero.
const PLACEHOLDER = /^\[?(n\/a|not found|not supported|insufficient permissions|unknown error|gpu is lost)\]?$|^requested functionality has been deprecated$/i;

export function known(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const t = v.trim();
  if (!t || PLACEHOLDER.test(t)) return undefined;
  return t;
}

/** '2566 MiB' / '2566' -> 2566; placeholders -> undefined. */
export function mib(v: string | undefined): number | undefined {
  const t = known(v);
  if (t === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*(KiB|MiB|GiB)?$/i.exec(t);
  if (!m) return undefined;
  const x = Number(m[1]);
  const unit = (m[2] ?? 'MiB').toLowerCase();
  return unit === 'gib' ? x * 1024 : unit === 'kib' ? x / 1024 : x;
}

export function int(v: string | undefined): number | undefined {
  const t = known(v);
  return t !== undefined && /^\d{1,10}$/.test(t) ? Number(t) : undefined;
}
