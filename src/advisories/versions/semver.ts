// Versions outside PyPI: SemVer 2.0 (OSV `SEMVER` ranges), Go module versions (`v0.1.34`, pseudo
// versions sort as pre-releases as Go does), and the dotted numeric versions vendors use for
// images and drivers (Triton `23.10`, container toolkit `1.16.2`, GPU operator `v24.6.2`).
// One ordering serves all of them: numeric dotted core (any length, missing parts are 0), then a
// SemVer pre-release (`-rc.1` sorts before the release), build metadata (`+...`) ignored.

export interface LooseVersion {
  core: number[];
  pre: Array<string | number>;
  raw: string;
}

const MAX_LENGTH = 128;

export function parseLoose(input: string): LooseVersion | undefined {
  if (input.length > MAX_LENGTH) return undefined;
  let s = input.trim();
  if (s.startsWith('v') || s.startsWith('V')) s = s.slice(1);
  const plus = s.indexOf('+');
  if (plus !== -1) s = s.slice(0, plus);
  const dash = s.indexOf('-');
  const coreText = dash === -1 ? s : s.slice(0, dash);
  const preText = dash === -1 ? '' : s.slice(dash + 1);
  if (!/^[0-9]+(\.[0-9]+)*$/.test(coreText)) return undefined;
  const core = coreText.split('.').map(Number);
  const pre = preText ? preText.split('.').map((p) => (/^[0-9]+$/.test(p) ? Number(p) : p)) : [];
  return { core, pre, raw: input };
}

export function compareLoose(a: LooseVersion, b: LooseVersion): number {
  const n = Math.max(a.core.length, b.core.length);
  for (let i = 0; i < n; i++) {
    const d = (a.core[i] ?? 0) - (b.core[i] ?? 0);
    if (d) return d < 0 ? -1 : 1;
  }
  // A version with a pre-release sorts before the same core without one (SemVer 11.3).
  if (!a.pre.length || !b.pre.length) return a.pre.length === b.pre.length ? 0 : a.pre.length ? -1 : 1;
  const m = Math.max(a.pre.length, b.pre.length);
  for (let i = 0; i < m; i++) {
    const x = a.pre[i];
    const y = b.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x < y ? -1 : 1;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

export function compareLooseStrings(a: string, b: string): number {
  const x = parseLoose(a);
  const y = parseLoose(b);
  if (!x || !y) return NaN;
  return compareLoose(x, y);
}
