// Known GPU/CPU cryptominers and mining-pool markers. Names are matched case-insensitively against
// the executable's base name (exact, or as a prefix where releases append versions/arch); markers
// are matched as substrings of the command line. Sources: falcosecurity/rules falco-sandbox_rules.yaml
// (miner_domains, Stratum rule), the miners' own release names, public YARA sets (malcontent
// rules/impact/cryptojacking). Adding a miner is one line.

export const MINER_BINARIES: Array<{ name: string; prefix?: boolean; label: string }> = [
  { name: 'xmrig', prefix: true, label: 'XMRig' },
  { name: 't-rex', label: 'T-Rex' },
  { name: 'trex', label: 'T-Rex' },
  { name: 'lolminer', prefix: true, label: 'lolMiner' },
  { name: 'nbminer', label: 'NBMiner' },
  { name: 'gminer', label: 'GMiner' },
  { name: 'miner', label: 'GMiner (binary name "miner")' },
  { name: 'phoenixminer', prefix: true, label: 'PhoenixMiner' },
  { name: 'teamredminer', label: 'TeamRedMiner' },
  { name: 'nanominer', label: 'nanominer' },
  { name: 'ethminer', label: 'ethminer' },
  { name: 'bzminer', label: 'BzMiner' },
  { name: 'rigel', label: 'Rigel' },
  { name: 'srbminer', prefix: true, label: 'SRBMiner' },
  { name: 'ethdcrminer64', label: 'Claymore' },
  { name: 'excavator', label: 'NiceHash Excavator' },
  { name: 'ccminer', prefix: true, label: 'ccminer' },
  { name: 'cpuminer', prefix: true, label: 'cpuminer' },
  { name: 'xmr-stak', prefix: true, label: 'xmr-stak' },
  { name: 'nheqminer', label: 'nheqminer' },
  { name: 'kawpowminer', label: 'kawpowminer' },
  { name: 'wildrig', prefix: true, label: 'WildRig' },
  { name: 'z-enemy', label: 'z-enemy' },
  { name: 'miniz', label: 'miniZ' },
  { name: 'onezerominer', label: 'OneZeroMiner' },
  { name: 'nsfminer', label: 'nsfminer' },
];

export const POOL_MARKERS: string[] = [
  'stratum+tcp://',
  'stratum+ssl://',
  'stratum+tls://',
  'stratum2+tcp://',
  'stratum1+tcp://',
  'ethproxy+tcp://',
  'nicehash.com',
  'nanopool.org',
  '2miners.com',
  'ethermine.org',
  'f2pool.com',
  'flexpool.io',
  'hiveon.net',
  'herominers.com',
  'unmineable.com',
  'moneroocean.stream',
  'supportxmr.com',
  'minexmr.com',
  'c3pool.com',
  'xmrpool.eu',
  'kryptex.network',
  'woolypooly.com',
  'zergpool.com',
  'zpool.ca',
  'prohashing.com',
  'mining-dutch.nl',
  'miningpoolhub.com',
  'sparkpool.com',
  'viabtc.com',
  'antpool.com',
  'poolin.com',
  'hashvault.pro',
  'gulf.moneroocean',
];

export function basename(p: string): string {
  const noDeleted = p.replace(/ \(deleted\)$/, '');
  return noDeleted.slice(noDeleted.lastIndexOf('/') + 1);
}

export function minerByName(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const b = basename(path).toLowerCase();
  const hit = MINER_BINARIES.find((mb) => (mb.prefix ? b.startsWith(mb.name) : b === mb.name || b === `${mb.name}.exe`));
  return hit?.label;
}

export function poolMarker(cmdline: string | undefined): string | undefined {
  if (!cmdline) return undefined;
  const l = cmdline.toLowerCase();
  return POOL_MARKERS.find((m) => l.includes(m));
}
