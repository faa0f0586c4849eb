// Network evidence at the cap: a host network namespace whose /proc/net/tcp is 4 MiB (~27,000
// sockets) read for 64 GPU processes that share it (all in the host namespace, e.g. hostNetwork
// training pods), each with 64 sockets of its own. Measures parse + join + rules through --from.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditGpu } from '../../src/scan/gpu-audit.js';
import { MAX_NET_FILE } from '../../src/parsers/gpu/evidence.js';
import type { BenchCase } from '../harness.js';

const PROCS = 64;
const hex8 = (n: number) => (n >>> 0).toString(16).toUpperCase().padStart(8, '0');
const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

const c: BenchCase = {
  name: 'gpu: 64 GPU processes sharing a 4 MiB /proc/net/tcp',
  scanner: 'gpu',
  async setup(dir) {
    const ev = join(dir, 'gpu-net-4mib');
    if (!existsSync(join(ev, 'nvidia-smi-q.xml'))) {
      mkdirSync(ev, { recursive: true });
      const real = readFileSync(join(process.cwd(), 'test/fixtures/gpu/h100-real-580.159.04/nvidia-smi-q.xml'), 'utf8');
      const procs: string[] = [];
      const header = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode'.padEnd(149) + '\n';
      let table = header;
      for (let i = 0; table.length < MAX_NET_FILE - 200; i++) {
        // Public peers for one socket in 16, private (10.x) otherwise; a few on pool ports.
        const remote = i % 16 === 0 ? (203 | (0 << 8) | (113 << 16) | ((i % 250) << 24)) : (10 | ((i >> 16) << 8) | (((i >> 8) & 255) << 16) | ((i & 255) << 24));
        const rport = i % 5000 === 0 ? 3333 : 443;
        table += `${String(i).padStart(4)}: 0E03000A:${hex4(20000 + (i % 40000))} ${hex8(remote)}:${hex4(rport)} 01 00000000:00000000 00:00000000 00000000  1000        0 ${100000 + i} 1 0000000000000000 20 4 30 10 -1`.padEnd(149) + '\n';
      }
      for (let p = 0; p < PROCS; p++) {
        const pid = 20_000 + p;
        procs.push(`<process_info><gpu_instance_id>N/A</gpu_instance_id><compute_instance_id>N/A</compute_instance_id><pid>${pid}</pid><type>C</type><process_name>/usr/bin/python3</process_name><used_memory>40 MiB</used_memory></process_info>`);
        const pd = join(ev, 'proc', String(pid));
        mkdirSync(join(pd, 'net'), { recursive: true });
        writeFileSync(join(pd, 'cmdline'), 'python3\0train.py\0');
        writeFileSync(join(pd, 'net/tcp'), table);
        writeFileSync(join(pd, 'fd-sockets.txt'), Array.from({ length: 64 }, (_, k) => `${100000 + p * 64 * 4 + k * 4}\n`).join(''));
      }
      writeFileSync(join(ev, 'nvidia-smi-q.xml'), real.replace(/<processes>[\s\S]*<\/processes>/, `<processes>${procs.join('')}</processes>`));
    }
    return { paths: [ev], bytes: PROCS * MAX_NET_FILE, files: 1 + PROCS * 3 };
  },
  async run(input) {
    const t = Date.now();
    const { report } = await auditGpu({ from: input.paths[0] });
    return { auditMs: Date.now() - t, findings: report.findings.length, poolConnections: report.findings.filter((f) => f.ruleId === 'gpu/mining-pool-connection').length };
  },
};
export default c;
