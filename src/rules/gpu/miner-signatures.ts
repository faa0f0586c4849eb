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

// Remote TCP ports of stratum mining pools, used by gpu/mining-pool-connection. Source: the
// `miner_ports` list of falcosecurity/rules (rules/falco-sandbox_rules.yaml), which Falco itself
// only uses together with pool domain names; here a port alone is enough because it must also be
// (1) a GPU process, (2) an outbound ESTABLISHED connection, (3) to a public address. Ports from
// Falco's list that ML hosts use for other things are left out on purpose: 25 (SMTP), 80/443 (pools
// on TLS 443 are indistinguishable from HTTPS), 6666, 8000, 8001, 8008, 8080, 8118, 8888 (Jupyter,
// dev servers, proxies), 8333/9332 (Bitcoin/Litecoin node P2P/RPC, not pools), 9999.
// Examples of use: XMRig's donation pool donate.v2.xmrig.com:3333 and its sample configs,
// pool.supportxmr.com:3333/5555/7777, xmr-eu1.nanopool.org:14444 (14433 TLS),
// xmr.pool.minergate.com:45700. Adding a port is one line.
export const POOL_PORTS: Array<{ port: number; note: string }> = [
  { port: 3333, note: 'stratum default (XMRig donation pool, SupportXMR, unMineable, many pools)' },
  { port: 3334, note: 'stratum (Falco miner_ports)' },
  { port: 3335, note: 'stratum (Falco miner_ports)' },
  { port: 3336, note: 'stratum (Falco miner_ports)' },
  { port: 3357, note: 'stratum (Falco miner_ports)' },
  { port: 4444, note: 'stratum (Ethermine-era ETH pools, Falco miner_ports)' },
  { port: 5555, note: 'stratum (SupportXMR, Falco miner_ports); DCGM nv-hostengine also uses 5555, but on loopback/cluster addresses' },
  { port: 5556, note: 'stratum (Falco miner_ports)' },
  { port: 5588, note: 'stratum (Falco miner_ports)' },
  { port: 5730, note: 'stratum (Falco miner_ports)' },
  { port: 6099, note: 'stratum (Falco miner_ports)' },
  { port: 7777, note: 'stratum (SupportXMR high difficulty, Falco miner_ports)' },
  { port: 7778, note: 'stratum (Falco miner_ports)' },
  { port: 8899, note: 'stratum (Falco miner_ports)' },
  { port: 14433, note: 'stratum over TLS (Nanopool XMR)' },
  { port: 14444, note: 'stratum (Nanopool XMR, Falco miner_ports)' },
  { port: 45560, note: 'stratum (Falco miner_ports)' },
  { port: 45700, note: 'stratum (MinerGate XMR, Falco miner_ports)' },
];

const POOL_PORT_NOTES = new Map(POOL_PORTS.map((p) => [p.port, p.note]));

export function poolPort(port: number): string | undefined {
  return POOL_PORT_NOTES.get(port);
}
