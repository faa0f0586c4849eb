// Secrets scanner throughput on a tree of mixed text like an ML repository: Python, notebooks with
// outputs, YAML/JSON configs, lock files full of integrity hashes, Markdown, minified JS, and a few
// planted credentials. Target: >= 50 MiB/s single-threaded (scanner = all rules, like `mlwarden scan`).
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { BenchCase, BenchInput } from '../harness.js';

function prng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

const WORDS = 'model loss optimizer batch epoch learning rate config dataset tokenizer trainer checkpoint eval metric accuracy gradient layer attention embedding device cuda tensor shape'.split(' ');

function chunk(kind: number, r: () => number, i: number): string {
  const w = () => WORDS[Math.floor(r() * WORDS.length)];
  const h = (n: number) => createHash('sha256').update(`${i}:${n}:${r()}`).digest('hex');
  switch (kind) {
    case 0:
      return `def ${w()}_${w()}(self, ${w()}, ${w()}=None):\n    """Compute the ${w()} for the ${w()}."""\n    x = self.${w()}(${w()}) * ${Math.floor(r() * 100)}\n    return torch.nn.functional.${w()}(x, dim=-1)  # ${w()} ${w()}\n\n`;
    case 1:
      return `    "node_modules/${w()}-${w()}": {\n      "version": "1.${i % 50}.0",\n      "resolved": "https://registry.npmjs.org/${w()}/-/${w()}-1.0.0.tgz",\n      "integrity": "sha512-${Buffer.from(h(1) + h(2), 'hex').toString('base64')}"\n    },\n`;
    case 2:
      return `  {\n   "cell_type": "code",\n   "execution_count": ${i % 90},\n   "metadata": {},\n   "outputs": [{"name": "stdout", "output_type": "stream", "text": ["epoch ${i % 30} ${w()}=${r().toFixed(4)} commit ${h(3).slice(0, 40)}\\n"]}],\n   "source": ["trainer.${w()}(${w()}=${w()})\\n"]\n  },\n`;
    case 3:
      return `${w()}:\n  ${w()}: ${r().toFixed(5)}\n  ${w()}_path: s3://ml-${w()}/${h(4).slice(0, 12)}/\n  run_id: ${h(5).slice(0, 8)}-${h(6).slice(0, 4)}-4${h(7).slice(0, 3)}-a${h(8).slice(0, 3)}-${h(9).slice(0, 12)}\n`;
    case 4:
      return `The ${w()} improves ${w()} when the ${w()} is tuned together with the ${w()}; see [the docs](https://example.org/${w()}) and sha256 ${h(10)}.\n`;
    case 5:
      return `!function(e){var t="${Buffer.from(h(11) + h(12) + h(13), 'hex').toString('base64')}",n=e.${w()}||{};n.${w()}=function(r){return r&&t.length>${i % 9}?r:null}}(window);`;
    default:
      return `  "image/png": "${Buffer.from(h(14) + h(15) + h(16) + h(17), 'hex').toString('base64')}",\n`;
  }
}

/** Writes `files` files totalling about `bytes` under `root` (deterministic); returns the real totals. */
export function generateTree(root: string, bytes: number, files: number): BenchInput {
  if (!existsSync(join(root, '.done'))) {
    const r = prng(1234);
    const per = Math.floor(bytes / files);
    const exts = ['py', 'json', 'ipynb', 'yaml', 'md', 'js', 'json'];
    for (let f = 0; f < files; f++) {
      const dir = join(root, `pkg${f % 64}`, `sub${f % 7}`);
      mkdirSync(dir, { recursive: true });
      const kind = f % exts.length;
      const parts: string[] = [];
      let size = 0;
      let i = 0;
      while (size < per) {
        const c = chunk(kind === 6 ? (i % 3 === 0 ? 6 : 1) : kind, r, f * 1000 + i++);
        parts.push(c);
        size += c.length;
      }
      // A planted credential now and then, so rules do real work.
      if (f % 97 === 0) parts.push(`\nHF_TOKEN = "hf_${Array.from({ length: 34 }, () => 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'[Math.floor(r() * 52)]).join('')}"\n`);
      writeFileSync(join(dir, `f${f}.${exts[kind]}`), parts.join(''));
    }
    writeFileSync(join(root, '.done'), '');
  }
  let total = 0;
  let count = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === '.done') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        total += statSync(p).size;
        count++;
      }
    }
  };
  walk(root);
  return { paths: ['tree'], bytes: total, files: count };
}

const c: BenchCase = {
  name: 'secrets: 128 MiB mixed text',
  scanner: 'secrets',
  async setup(dir) {
    return generateTree(join(dir, 'tree'), 128 * 1024 * 1024, 1200);
  },
  // The secrets rules alone (the time this case reports), then every scanner on the same tree.
  async run(input, dir) {
    const { scanPaths } = await import('../../src/scan/scan-paths.js');
    const { loadRules } = await import('../../src/scan/registry.js');
    const domains = [...new Set((await loadRules()).map((r) => r.meta.id.split('/')[0]))];
    const onlySecrets = domains.filter((d) => d !== 'secrets' && d !== 'scan').map((d) => `${d}/*`);
    const s0 = process.hrtime.bigint();
    await scanPaths(input.paths, { cwd: dir, gitignore: false, disable: onlySecrets });
    const secretsSecs = Number(process.hrtime.bigint() - s0) / 1e9;
    const t0 = process.hrtime.bigint();
    const all = await scanPaths(input.paths, { cwd: dir, gitignore: false });
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    return { secrets_only_s: secretsSecs.toFixed(2), secrets_only_MiBps: (input.bytes / 1048576 / secretsSecs).toFixed(1), all_scanners_s: secs.toFixed(2), all_scanners_MiBps: (input.bytes / 1048576 / secs).toFixed(1), all_findings: all.findings.length };
  },
};
export default c;
