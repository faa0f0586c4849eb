// `ls -l /dev/nvidia*` (what the collectors write to dev-nvidia.txt): one line per node, plus a
// `/dev/nvidia-caps:` header followed by that directory's entries with bare names.

export interface DevNode {
  path: string;
  /** 'c' char device, 'd' directory, ... */
  type: string;
  modeString: string;
  /** Permission bits as a number (0o666). */
  mode: number;
  owner: string;
  group: string;
  line: number;
}

const LINE = /^([bcdlps-])([r-][w-][xsS-][r-][w-][xsS-][r-][w-][xtT-])[.+@]?\s+\d+\s+(\S+)\s+(\S+)\s+(.*)$/;

function bits(perm: string): number {
  let m = 0;
  for (let i = 0; i < 9; i++) if (perm[i] !== '-' && perm[i] !== 'S' && perm[i] !== 'T') m |= 1 << (8 - i);
  return m;
}

export function parseDevListing(text: string): DevNode[] {
  const out: DevNode[] = [];
  let dir = '/dev';
  text.split(/\r?\n/).forEach((raw, i) => {
    const l = raw.trimEnd();
    if (!l || /^total \d+/.test(l)) return;
    const header = /^(\/\S+):$/.exec(l);
    if (header) {
      dir = header[1];
      return;
    }
    const m = LINE.exec(l);
    if (!m) return;
    const name = m[5].trim().split(/\s+/).pop()!;
    const path = name.startsWith('/') ? name : `${dir}/${name}`;
    out.push({ path, type: m[1], modeString: m[1] + m[2], mode: bits(m[2]), owner: m[3], group: m[4], line: i + 1 });
  });
  return out;
}
