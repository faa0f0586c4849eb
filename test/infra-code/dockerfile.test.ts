import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { isDockerfileName, parseDockerfile } from '../../src/parsers/dockerfile/dockerfile.js';
import { parseShell } from '../../src/parsers/dockerfile/shell.js';
import { TextModel } from '../../src/parsers/text/text.js';
import { tmpTree } from '../helpers/tmp.js';

const DIR = join(process.cwd(), 'test', 'fixtures', 'infra-code', 'docker');
const parse = (s: string) => parseDockerfile(new TextModel(s));

async function containerFindings(cwd: string, paths: string[]) {
  const r = await scanPaths(paths, { cwd, gitignore: false });
  assert.deepEqual(r.errors, []);
  return r.findings.filter((f) => f.ruleId.startsWith('container/'));
}

async function scanOne(content: string, name = 'Dockerfile') {
  const t = tmpTree({ [name]: content });
  try {
    return (await containerFindings(t.dir, [name])).map((f) => `${f.ruleId}@${f.location.line}`).sort();
  } finally {
    t.cleanup();
  }
}

test('recognises Dockerfile, Dockerfile.*, *.dockerfile and Containerfile by name, not source files about them', () => {
  for (const n of ['Dockerfile', 'Dockerfile.gpu', 'dockerfile', 'train.dockerfile', 'Containerfile', 'Dockerfile-cuda12']) assert.ok(isDockerfileName(n), n);
  for (const n of ['dockerfile.ts', 'Dockerfile.md', 'Dockerfiles', 'README', 'docker-compose.yml']) assert.ok(!isDockerfileName(n), n);
});

test('joins continuation lines, drops comments inside them, and keeps the first and last physical line', () => {
  const m = parse('FROM python:3.12\nRUN apt-get update && \\\n    # a comment\n\n    apt-get install -y curl\nCMD ["python", "app.py"]\n');
  assert.equal(m.instructions.length, 3);
  const run = m.instructions[1];
  assert.equal(run.rest, 'apt-get update &&     apt-get install -y curl');
  assert.deepEqual([run.line, run.endLine], [2, 5]);
  assert.deepEqual(m.instructions[2].exec, ['python', 'app.py']);
});

test('honours the escape directive (backtick) and reads shell-form arguments with it', () => {
  const m = parse('# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo a `\n    b\n');
  assert.equal(m.escape, '`');
  assert.equal(m.instructions[1].rest, 'echo a     b');
  assert.deepEqual([m.instructions[1].line, m.instructions[1].endLine], [3, 4]);
});

test('reads heredocs (<<EOF, <<-EOF, quoted) with their body lines', () => {
  const m = parse('FROM alpine:3.20\nRUN <<EOF\necho one\necho two\nEOF\nCOPY <<-"END" /etc/app.conf\n\tkey=value\n\tEND\nUSER 1000\n');
  const [, run, copy, user] = m.instructions;
  assert.equal(run.heredocs[0].body, 'echo one\necho two');
  assert.equal(run.heredocs[0].line, 3);
  assert.deepEqual([run.line, run.endLine], [2, 5]);
  assert.equal(copy.heredocs[0].body, 'key=value');
  assert.equal(copy.heredocs[0].quoted, true);
  assert.equal(user.keyword, 'USER');
  assert.equal(user.line, 9);
  assert.deepEqual(m.issues, []);
});

test('builds stages with names, substitutes literal ARGs in FROM, and links FROM <stage>', () => {
  const m = parse('ARG CUDA=12.1\nARG IMG\nFROM nvidia/cuda:${CUDA}-runtime AS base\nFROM base AS app\nFROM $IMG\n');
  assert.equal(m.stages[0].imageResolved, 'nvidia/cuda:12.1-runtime');
  assert.equal(m.stages[0].name, 'base');
  assert.equal(m.stages[1].fromStage, 0);
  assert.equal(m.stages[2].imageUnresolved, true);
});

test('splits shell pipelines and lists on |, &&, ; and newlines, keeping quotes and redirections', () => {
  const p = parseShell('curl -fsSL "https://x/y z" 2>&1 | sh -s -- -y && echo "a | b"; pip install x');
  assert.deepEqual(p.map((pl) => pl.map((c) => c.words)), [
    [['curl', '-fsSL', 'https://x/y z', '2>&1'], ['sh', '-s', '--', '-y']],
    [['echo', 'a | b']],
    [['pip', 'install', 'x']],
  ]);
});

test('reports every planted Dockerfile problem at its line', async () => {
  const got = (await containerFindings(DIR, ['Dockerfile.bad'])).map((f) => `${f.ruleId}@${f.location.line}`).sort();
  assert.deepEqual(got, [
    'container/add-remote-source@21',
    'container/add-remote-source@22',
    'container/base-image-latest@3',
    'container/base-image-not-digest-pinned@24',
    'container/chmod-world-writable@18',
    'container/chmod-world-writable@26',
    'container/pip-extra-index-url@12',
    'container/remote-script-piped-to-shell@10',
    'container/remote-script-piped-to-shell@17',
    'container/runs-as-root@27',
    'container/secret-in-env-arg@4',
    'container/secret-in-env-arg@6',
    'container/sudo@19',
    'container/sudo@9',
    'container/tls-verification-disabled@14',
    'container/trust-remote-code-entrypoint@28',
  ]);
});

test('masks the credential in ENV evidence and keeps it out of the message', async () => {
  const f = (await containerFindings(DIR, ['Dockerfile.bad'])).find((x) => x.ruleId === 'container/secret-in-env-arg' && x.location.line === 4)!;
  assert.ok(!f.message.includes('hf_aBcD'));
  assert.ok(!f.evidence!.includes('hf_aBcDeFgHiJkLmNoPqRsTuVwXyZ012345'));
});

test('stays silent on the secure variants (digest pins, secret mounts, checksummed ADD, non-root USER, --index-url)', async () => {
  assert.deepEqual(await containerFindings(DIR, ['Dockerfile.good']), []);
});

test('runs-as-root: no USER fires on the final FROM; USER 0 fires on that line; a non-root USER in a parent stage counts', async () => {
  assert.deepEqual(await scanOne('FROM python:3.12@sha256:' + 'a'.repeat(64) + '\nRUN pip install x==1\n'), ['container/runs-as-root@1']);
  assert.deepEqual(await scanOne('FROM python:3.12@sha256:' + 'a'.repeat(64) + '\nUSER 0:0\n'), ['container/runs-as-root@2']);
  assert.deepEqual(await scanOne('FROM python:3.12@sha256:' + 'a'.repeat(64) + ' AS base\nUSER app\nFROM base\nCMD ["python"]\n'), []);
  assert.deepEqual(await scanOne('ARG U=app\nFROM python:3.12@sha256:' + 'a'.repeat(64) + '\nARG U\nUSER ${U}\n'), []);
});

test('runs-as-root: only the final stage matters, and known non-root bases are trusted', async () => {
  assert.deepEqual(await scanOne('FROM python:3.12@sha256:' + 'a'.repeat(64) + ' AS build\nRUN make\nFROM gcr.io/distroless/python3-debian12:nonroot@sha256:' + 'b'.repeat(64) + '\nCOPY --from=build /app /app\n'), []);
  assert.deepEqual(await scanOne('FROM quay.io/jupyter/pytorch-notebook:cuda12-2024-06-10@sha256:' + 'c'.repeat(64) + '\n'), []);
});

test('base image rules: latest and untagged are medium, tag-only is low, digest and scratch and stage refs are clean', async () => {
  assert.deepEqual(await scanOne('FROM pytorch/pytorch:latest\nUSER 1000\n'), ['container/base-image-latest@1']);
  assert.deepEqual(await scanOne('FROM ollama/ollama\nUSER 1000\n'), ['container/base-image-latest@1']);
  assert.deepEqual(await scanOne('FROM localhost:5000/team/img:1.2\nUSER 1000\n'), ['container/base-image-not-digest-pinned@1']);
  assert.deepEqual(await scanOne('FROM scratch\nUSER 1000\n'), []);
});

test('curl | sh: also through sudo and via command substitution; a downloaded-and-verified script is clean', async () => {
  assert.deepEqual(await scanOne('FROM scratch\nUSER 1\nRUN curl -fsSL https://get.example.sh | sudo -E bash -\n'), ['container/remote-script-piped-to-shell@3', 'container/sudo@3']);
  assert.deepEqual(await scanOne('FROM scratch\nUSER 1\nRUN sh -c "$(curl -fsSL https://x.example/install.sh)"\n'), ['container/remote-script-piped-to-shell@3']);
  assert.deepEqual(await scanOne('FROM scratch\nUSER 1\nRUN curl -fsSL https://x/a.tgz | tar xz -C /opt\n'), []);
});

test('pip: --extra-index-url in exec form, uv and PIP_EXTRA_INDEX_URL; --index-url alone is fine', async () => {
  assert.deepEqual(await scanOne('FROM scratch\nUSER 1\nRUN ["pip", "install", "--extra-index-url=https://pkgs.internal/simple", "acme-utils"]\n'), ['container/pip-extra-index-url@3']);
  assert.deepEqual(await scanOne('FROM scratch\nUSER 1\nENV PIP_EXTRA_INDEX_URL=https://pkgs.internal/simple\n'), ['container/pip-extra-index-url@3']);
  assert.deepEqual(await scanOne('FROM scratch\nUSER 1\nRUN python3 -m pip install --index-url https://download.pytorch.org/whl/cu121 torch==2.3.0\n'), []);
});

test('TLS: curl -k, wget --no-check-certificate and GIT_SSL_NO_VERIFY are flagged; curl -fsSL is not', async () => {
  assert.deepEqual(
    await scanOne('FROM scratch\nUSER 1\nRUN curl -fsSLk https://x/a -o a && wget --no-check-certificate https://x/b\nENV GIT_SSL_NO_VERIFY=1\nRUN curl -fsSL https://x/c -o c\n'),
    ['container/tls-verification-disabled@3', 'container/tls-verification-disabled@3', 'container/tls-verification-disabled@4'],
  );
});

test('trust-remote-code: shell-form CMD and TGI env var are flagged; --trust-remote-code=false is not', async () => {
  assert.deepEqual(await scanOne('FROM scratch\nUSER 1\nCMD vllm serve org/model \\\n    --trust-remote-code\n'), ['container/trust-remote-code-entrypoint@4']);
  assert.deepEqual(await scanOne('FROM scratch\nUSER 1\nENV TRUST_REMOTE_CODE=true\n'), ['container/trust-remote-code-entrypoint@3']);
  assert.deepEqual(await scanOne('FROM scratch\nUSER 1\nCMD ["vllm", "serve", "org/model", "--trust-remote-code=false"]\n'), []);
});

test('secrets: placeholders, variable references and public GPG keys are not credentials', async () => {
  assert.deepEqual(await scanOne('FROM scratch\nUSER 1\nARG HF_TOKEN\nENV HF_TOKEN=${HF_TOKEN} OPENAI_API_KEY="" DB_PASSWORD=changeme GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n'), []);
  assert.deepEqual(await scanOne('FROM scratch\nUSER 1\nENV MLFLOW_TRACKING_PASSWORD s3cr3t-Passw0rd\n'), ['container/secret-in-env-arg@3']);
});

test('chmod: 777, a+rwx and 0666 are flagged; 755, 1777 and u+w are not', async () => {
  assert.deepEqual(await scanOne('FROM scratch\nUSER 1\nRUN chmod a+rwx /app\nRUN chmod 0666 /x\nRUN chmod 755 /a && chmod 1777 /tmp/c && chmod u+w /b\n'), ['container/chmod-world-writable@3', 'container/chmod-world-writable@4']);
});

test('an unterminated heredoc or garbage does not crash the parser and earlier problems are still reported', async () => {
  const m = parse('FROM ubuntu\nRUN <<EOF\ncurl https://x | sh\n');
  assert.equal(m.issues.length, 1);
  assert.deepEqual(await scanOne('FROM ubuntu\nRUN <<EOF\ncurl https://x | sh\n'), ['container/base-image-latest@1', 'container/remote-script-piped-to-shell@3', 'container/runs-as-root@1']);
  assert.deepEqual(await scanOne('\u0000'.repeat(0) + '}}}{{{ not a dockerfile\n'.repeat(50)), []);
});

test('chained ARG definitions that double in size stop at a cap instead of exhausting memory', async () => {
  const { parseDockerfile } = await import('../../src/parsers/dockerfile/dockerfile.js');
  const { TextModel } = await import('../../src/parsers/text/text.js');
  const lines = ['ARG A0=xxxxxxxxxxxxxxxx'];
  for (let i = 1; i < 40; i++) lines.push(`ARG A${i}=$A${i - 1}$A${i - 1}`);
  lines.push('FROM python:$A39', 'RUN echo $A39');
  const df = parseDockerfile(new TextModel(lines.join('\n')));
  const run = df.instructions.find((i) => i.keyword === 'RUN')!;
  assert.ok((df.varsAt(run).get('A39') ?? '').length <= 64 * 1024);
});
