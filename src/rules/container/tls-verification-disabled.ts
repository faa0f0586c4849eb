import type { Rule } from '../../core/types.js';
import { dockerfileParser, keyValues, type DockerfileModel } from '../../parsers/dockerfile/dockerfile.js';
import { basenameOf, programWords } from '../../parsers/dockerfile/shell.js';
import { NIST_800_190, evidenceAt, optionValue, pipArgs, reportAt, runCommands } from './support.js';

/** Per program: options that switch certificate checking off. */
const INSECURE_OPTIONS: Record<string, string[]> = {
  curl: ['-k', '--insecure'],
  wget: ['--no-check-certificate'],
  pip: ['--trusted-host'],
  git: ['http.sslVerify=false', 'http.sslverify=false'],
  conda: ['ssl_verify', 'false'],
  npm: ['strict-ssl', 'false'],
};
/** ENV names whose value disables verification when it matches. */
const INSECURE_ENV: Array<{ name: RegExp; value: RegExp }> = [
  { name: /^PIP_TRUSTED_HOST$/, value: /./ },
  { name: /^GIT_SSL_NO_VERIFY$/, value: /^(?:1|true|yes)$/i },
  { name: /^PYTHONHTTPSVERIFY$/, value: /^0$/ },
  { name: /^(?:CURL_CA_BUNDLE|REQUESTS_CA_BUNDLE)$/, value: /^$/ },
  { name: /^NODE_TLS_REJECT_UNAUTHORIZED$/, value: /^0$/ },
  { name: /^(?:CONDA_SSL_VERIFY|NPM_CONFIG_STRICT_SSL)$/, value: /^(?:0|false|no)$/i },
];

const rule: Rule<DockerfileModel> = {
  meta: {
    id: 'container/tls-verification-disabled',
    title: 'Build disables TLS certificate verification for downloads',
    severity: 'high',
    description:
      '`pip install --trusted-host`, `curl -k`, `wget --no-check-certificate`, `GIT_SSL_NO_VERIFY=1` or `PYTHONHTTPSVERIFY=0` let anyone on ' +
      'the network path (a proxy, a compromised CI runner network, a rogue Wi-Fi) swap packages, installers or model weights during the ' +
      'build. `--trusted-host` also lets pip use plain HTTP for that host. NIST SP 800-190 §4.1.5 and §4.2.1.',
    remediation:
      'Remove the option. If a corporate proxy re-signs TLS, add its CA to the image (`COPY corp-ca.crt /usr/local/share/ca-certificates/` then `update-ca-certificates`, ' +
      'and `PIP_CERT`/`REQUESTS_CA_BUNDLE` pointing at the bundle) instead of turning verification off.',
    references: [NIST_800_190, 'https://pip.pypa.io/en/stable/cli/pip/#cmdoption-trusted-host', 'https://cwe.mitre.org/data/definitions/295.html'],
    tags: ['dockerfile', 'tls', 'supply-chain'],
  },
  parser: dockerfileParser,
  check(model, ctx) {
    for (const { inst, cmd } of runCommands(model)) {
      const words = programWords(cmd.words);
      const prog = pipArgs(words) ? 'pip' : basenameOf(words[0] ?? '');
      const opts = INSECURE_OPTIONS[prog];
      if (!opts) continue;
      let hit: string | undefined;
      if (prog === 'pip') hit = optionValue(pipArgs(words)!, ['--trusted-host'])?.word;
      else if (prog === 'conda' || prog === 'npm') hit = words.includes(opts[0]) && words.includes(opts[1]) ? opts[0] : undefined;
      else hit = words.find((w) => opts.includes(w) || (prog === 'curl' && /^-[a-zA-Z]*k[a-zA-Z]*$/.test(w)));
      if (hit) reportAt(ctx, model, inst, hit, `${prog} runs with ${hit}: certificate verification is off`, `${prog}:${hit}`);
    }
    for (const inst of model.instructions) {
      if (inst.keyword !== 'ENV' && inst.keyword !== 'ARG') continue;
      for (const { key, value } of keyValues(inst)) {
        if (value === undefined) continue;
        const bad = INSECURE_ENV.find((e) => e.name.test(key.toUpperCase()) && e.value.test(value));
        if (bad) ctx.report({ message: `${inst.keyword} ${key}=${value} turns certificate verification off`, location: { line: inst.line }, evidence: evidenceAt(model, inst.line), key: `env:${key}` });
      }
    }
  },
};
export default rule;
