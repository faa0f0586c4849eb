import type { Rule } from '../../core/types.js';
import { dockerfileParser, type DockerfileModel } from '../../parsers/dockerfile/dockerfile.js';
import { basenameOf, programWords, shellScripts } from '../../parsers/dockerfile/shell.js';
import { ATLAS_SUPPLY_CHAIN, NIST_800_190, reportAt, runPipelines } from './support.js';

const DOWNLOADERS = new Set(['curl', 'wget', 'fetch']);
/** Interpreters that execute what they read on stdin. */
const INTERPRETERS = /^(?:(?:ba|da|z|k|fi)?sh|python[0-9.]*|perl|ruby|node|php)$/;
// `bash <(curl ...)` and `sh -c "$(curl ...)"`: process/command substitution feeding a shell.
const SUBSTITUTION = /(?:^|[\s;&|])(?:(?:ba|da|z|k)?sh|python[0-9.]*)\s+(?:-c\s+["']?)?(?:<\(|\$\()\s*(?:curl|wget)\b/;

const rule: Rule<DockerfileModel> = {
  meta: {
    id: 'container/remote-script-piped-to-shell',
    title: 'Build pipes a downloaded script straight into a shell',
    severity: 'medium',
    description:
      '`curl -fsSL https://... | sh` (the usual installer for Ollama, conda, uv, Poetry, CUDA repos) executes whatever the server returns at ' +
      'build time, with no checksum or signature: a compromised or hijacked download host, or a MITM on a plain-HTTP URL, owns the image. ' +
      'NIST SP 800-190 §4.1.3 (embedded malware) and §4.1.5 (untrusted sources).',
    remediation:
      'Download to a file, verify a pinned checksum or signature, then run it: `curl -fsSLo install.sh URL && echo "<sha256>  install.sh" | sha256sum -c - && sh install.sh`. ' +
      'Better, install a pinned package or copy the binary from a digest-pinned image (`COPY --from=...`).',
    references: [NIST_800_190, ATLAS_SUPPLY_CHAIN, 'https://docs.docker.com/build/building/best-practices/#using-pipes'],
    tags: ['dockerfile', 'supply-chain', 'nist-800-190'],
  },
  parser: dockerfileParser,
  check(model, ctx) {
    const seen = new Set<number>();
    for (const { inst, pipeline } of runPipelines(model)) {
      const progs = pipeline.map((c) => basenameOf(programWords(c.words)[0] ?? ''));
      const dl = progs.findIndex((p) => DOWNLOADERS.has(p));
      if (dl === -1) continue;
      const sh = progs.findIndex((p, i) => i > dl && INTERPRETERS.test(p));
      if (sh === -1) continue;
      const needle = pipeline[dl].words.find((w) => /^(?:https?|ftp):\/\//.test(w)) ?? pipeline[dl].words[0];
      reportAt(ctx, model, inst, needle, `A script downloaded with ${progs[dl]} is piped into ${progs[sh]} during the build`, `pipe:${needle}`);
      seen.add(inst.line);
    }
    for (const inst of model.instructions) {
      if (inst.keyword !== 'RUN' || seen.has(inst.line)) continue;
      for (const script of shellScripts(inst)) {
        const m = SUBSTITUTION.exec(script);
        if (!m) continue;
        const dlWord = m[0].includes('wget') ? 'wget' : 'curl';
        reportAt(ctx, model, inst, dlWord, `A script downloaded with ${dlWord} is executed by a shell through command substitution during the build`, `subst:${inst.line}`);
        break;
      }
    }
  },
};
export default rule;
