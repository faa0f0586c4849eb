// Dockerfile / Containerfile reader that mirrors BuildKit's front end closely enough for security
// rules: parser directives (`# escape=`), line continuations (comment and blank lines inside a
// continuation are dropped, as Docker does), exec (JSON) and shell forms, heredocs (`<<EOF`, `<<-EOF`,
// quoted delimiters, several per instruction), multi-stage builds, and ARG/ENV substitution where the
// value is a literal. Every instruction keeps its exact first and last line. The reader is a single
// linear pass over the lines; it never recurses and never backtracks.
import { textParser, type TextModel } from '../text/text.js';
import type { Entry, Parser } from '../../core/types.js';

export interface Heredoc {
  delimiter: string;
  /** Body text, lines joined with \n (tabs stripped for `<<-`). */
  body: string;
  /** 1-based line of the first body line. */
  line: number;
  /** Quoted delimiter: the body is not expanded by the shell. */
  quoted: boolean;
}

export interface Instruction {
  /** Upper-cased keyword: FROM, RUN, CMD, ... */
  keyword: string;
  /** Logical argument text after the keyword, continuations joined with a space, flags included. */
  args: string;
  /** Argument text without the leading `--flag=value` options. */
  rest: string;
  /** Leading `--name=value` options (`--from`, `--chown`, `--chmod`, `--mount`, `--checksum`, `--platform`). */
  flags: Array<{ name: string; value: string }>;
  /** Exec form: the parsed JSON array, when the arguments are one. */
  exec?: string[];
  heredocs: Heredoc[];
  /** 1-based first and last physical line (heredoc bodies included). */
  line: number;
  endLine: number;
  /** Index into `stages`, -1 for instructions before the first FROM (global ARGs). */
  stage: number;
}

export interface Stage {
  index: number;
  /** `AS name`, lower-cased as Docker compares it. */
  name?: string;
  /** Base image as written and after literal ARG substitution. */
  image: string;
  imageResolved: string;
  /** Substitution left variables unresolved (no default), so the base cannot be judged. */
  imageUnresolved: boolean;
  /** Base is an earlier stage of this file (by name or index). */
  fromStage?: number;
  platform?: string;
  from: Instruction;
  instructions: Instruction[];
}

export class DockerfileModel {
  constructor(
    readonly instructions: Instruction[],
    readonly stages: Stage[],
    readonly escape: string,
    /** Things the reader could not make sense of (unterminated heredoc, unknown keyword). */
    readonly issues: Array<{ line: number; message: string }>,
    readonly text: TextModel,
  ) {}

  get finalStage(): Stage | undefined {
    return this.stages[this.stages.length - 1];
  }

  /** ARG/ENV values visible to `inst`: global ARG defaults, then stage ARG/ENV in order, literals only. */
  varsAt(inst: Instruction): Map<string, string> {
    const vars = new Map<string, string>();
    for (const i of this.instructions) {
      if (i === inst) break;
      if (i.stage !== inst.stage && i.stage !== -1) continue;
      if (i.keyword === 'ARG' || i.keyword === 'ENV') for (const kv of keyValues(i)) if (kv.value !== undefined) vars.set(kv.key, expandVars(kv.value, vars).value);
    }
    return vars;
  }
}

const DOCKERFILE_NAME = /^(?:Dockerfile|Containerfile)(?:[._-].*)?$|\.(?:dockerfile|containerfile)$/i;
// `dockerfile.ts`, `Dockerfile.md`: source and docs about Dockerfiles, not Dockerfiles.
const NOT_DOCKERFILE = /\.(?:[cm]?[jt]sx?|py|go|rs|java|rb|md|rst|txt|json|ya?ml|toml|html?|sh|lock|orig|bak)$/i;

export function isDockerfileName(name: string): boolean {
  return DOCKERFILE_NAME.test(name) && !NOT_DOCKERFILE.test(name);
}

const KEYWORDS = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);
// `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'`: one fixed-shape token, no nested quantifiers.
const HEREDOC = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;

function parseDirectives(lines: string[]): { escape: string; first: number } {
  let escape = '\\';
  let i = 0;
  for (; i < lines.length; i++) {
    const m = /^#\s*([a-zA-Z][a-zA-Z_]*)\s*=\s*(\S+)\s*$/.exec(lines[i]);
    if (!m) break;
    if (m[1].toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) escape = m[2];
  }
  return { escape, first: i };
}

function splitFlags(args: string): { flags: Array<{ name: string; value: string }>; rest: string } {
  const flags: Array<{ name: string; value: string }> = [];
  let pos = 0;
  for (;;) {
    while (pos < args.length && (args[pos] === ' ' || args[pos] === '\t')) pos++;
    if (!args.startsWith('--', pos)) break;
    let end = pos;
    while (end < args.length && args[end] !== ' ' && args[end] !== '\t') end++;
    const tok = args.slice(pos + 2, end);
    const eq = tok.indexOf('=');
    flags.push(eq === -1 ? { name: tok.toLowerCase(), value: '' } : { name: tok.slice(0, eq).toLowerCase(), value: unquote(tok.slice(eq + 1)) });
    pos = end;
  }
  return { flags, rest: args.slice(pos).trim() };
}

function unquote(s: string): string {
  return s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0] ? s.slice(1, -1) : s;
}

function parseExec(rest: string): string[] | undefined {
  if (!rest.startsWith('[')) return undefined;
  try {
    const v: unknown = JSON.parse(rest);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/** Parses decoded Dockerfile text. Exposed for tests and for image-config readers. */
export function parseDockerfile(text: TextModel): DockerfileModel {
  const lines = text.text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const { escape, first } = parseDirectives(lines);
  const instructions: Instruction[] = [];
  const issues: Array<{ line: number; message: string }> = [];
  let stage = -1;
  let i = first;
  while (i < lines.length) {
    const raw = lines[i];
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      i++;
      continue;
    }
    const startLine = i + 1;
    // Join continuation lines: a trailing escape char continues; comment/blank lines inside are skipped.
    let logical = '';
    let cur = raw.replace(/^\s+/, '');
    for (;;) {
      // Trailing blanks by a backward scan: `/[ \t]+$/` is quadratic on a long inner run of blanks.
      let te = cur.length;
      while (te > 0 && (cur[te - 1] === ' ' || cur[te - 1] === '\t')) te--;
      const t = cur.slice(0, te);
      if (t.endsWith(escape)) {
        logical += t.slice(0, -1);
        i++;
        while (i < lines.length && (lines[i].trim() === '' || lines[i].trim().startsWith('#'))) i++;
        if (i >= lines.length) break;
        cur = lines[i];
        continue;
      }
      logical += t;
      i++;
      break;
    }
    const m = /^([A-Za-z]+)(?:[ \t]+|$)/.exec(logical);
    if (!m) {
      issues.push({ line: startLine, message: `not an instruction: ${logical.slice(0, 60)}` });
      continue;
    }
    const keyword = m[1].toUpperCase();
    if (!KEYWORDS.has(keyword)) issues.push({ line: startLine, message: `unknown instruction ${keyword}` });
    const args = logical.slice(m[0].length).trim();
    const heredocs: Heredoc[] = [];
    if (HEREDOC_KEYWORDS.has(keyword) || (keyword === 'ONBUILD' && /^(?:RUN|COPY|ADD)\b/i.test(args))) {
      HEREDOC.lastIndex = 0;
      for (let h = HEREDOC.exec(args); h; h = HEREDOC.exec(args)) {
        const strip = h[1] === '-';
        const body: string[] = [];
        const bodyLine = i + 1;
        let closed = false;
        while (i < lines.length) {
          const l = strip ? lines[i].replace(/^\t+/, '') : lines[i];
          i++;
          if (l === h[3]) {
            closed = true;
            break;
          }
          body.push(l);
        }
        if (!closed) issues.push({ line: startLine, message: `heredoc ${h[3]} is not terminated` });
        heredocs.push({ delimiter: h[3], body: body.join('\n'), line: bodyLine, quoted: h[2] !== '' });
      }
    }
    const { flags, rest } = splitFlags(args);
    const exec = parseExec(rest);
    if (keyword === 'FROM') stage++;
    instructions.push({ keyword, args, rest, flags, ...(exec ? { exec } : {}), heredocs, line: startLine, endLine: i, stage });
  }
  const model = new DockerfileModel(instructions, [], escape, issues, text);
  buildStages(model);
  return model;
}

function buildStages(model: DockerfileModel): void {
  const globals = new Map<string, string>();
  for (const inst of model.instructions) {
    if (inst.stage === -1) {
      if (inst.keyword === 'ARG') for (const kv of keyValues(inst)) if (kv.value !== undefined) globals.set(kv.key, expandVars(kv.value, globals).value);
      continue;
    }
    if (inst.keyword === 'FROM') {
      const words = inst.rest.split(/[ \t]+/);
      const image = words[0] ?? '';
      const name = words.length >= 3 && words[1].toLowerCase() === 'as' ? words[2].toLowerCase() : undefined;
      const exp = expandVars(image, globals);
      const platform = inst.flags.find((f) => f.name === 'platform')?.value;
      const lower = exp.value.toLowerCase();
      let fromStage = model.stages.findIndex((s) => s.name !== undefined && s.name === lower);
      if (fromStage === -1 && /^\d+$/.test(exp.value) && Number(exp.value) < model.stages.length) fromStage = Number(exp.value);
      model.stages.push({
        index: model.stages.length,
        ...(name ? { name } : {}),
        image,
        imageResolved: exp.value,
        imageUnresolved: exp.unresolved,
        ...(fromStage !== -1 ? { fromStage } : {}),
        ...(platform ? { platform } : {}),
        from: inst,
        instructions: [],
      });
    }
    model.stages[inst.stage]?.instructions.push(inst);
  }
}

/** ENV/ARG/LABEL pairs: `K=V K2="V 2"`, legacy `ENV K V`, `ARG K` (no value). */
export function keyValues(inst: Instruction): Array<{ key: string; value?: string }> {
  const words = shellWords(inst.rest);
  if (words.length === 0) return [];
  if ((inst.keyword === 'ENV' || inst.keyword === 'LABEL') && !words[0].includes('=')) {
    // Legacy form: the rest of the line after the key is the value.
    const key = words[0];
    const at = inst.rest.indexOf(key) + key.length;
    return [{ key, value: unquote(inst.rest.slice(at).trim()) }];
  }
  return words.map((w) => {
    const eq = w.indexOf('=');
    return eq === -1 ? { key: w } : { key: w.slice(0, eq), value: w.slice(eq + 1) };
  });
}

/** Whitespace split honouring quotes and backslash escapes; quotes are removed. Linear. */
export function shellWords(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let q: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === q) q = undefined;
      else if (c === '\\' && q === '"' && i + 1 < s.length) cur += s[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      q = c;
      has = true;
    } else if (c === '\\' && i + 1 < s.length) {
      cur += s[++i];
      has = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has || cur) out.push(cur);
  return out;
}

/** `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alt}` from literal values; unknown variables stay unresolved. */
export function expandVars(s: string, vars: Map<string, string>): { value: string; unresolved: boolean } {
  if (!s.includes('$')) return { value: s, unresolved: false };
  let out = '';
  let unresolved = false;
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '$') {
      out += s[i];
      continue;
    }
    if (s[i + 1] === '{') {
      const end = s.indexOf('}', i + 2);
      if (end === -1) {
        out += s.slice(i);
        break;
      }
      const body = s.slice(i + 2, end);
      const op = /^([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])(.*))?$/.exec(body);
      if (!op) unresolved = true;
      else {
        const v = vars.get(op[1]);
        if (op[2] === '-') out += v !== undefined && v !== '' ? v : op[3];
        else if (op[2] === '+') out += v !== undefined && v !== '' ? op[3] : '';
        else if (v !== undefined) out += v;
        else unresolved = true;
      }
      i = end;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i + 1, i + 65));
    if (!m) {
      out += '$';
      continue;
    }
    const v = vars.get(m[0]);
    if (v !== undefined) out += v;
    else unresolved = true;
    i += m[0].length;
  }
  // Chained ARGs (`ARG B=$A$A`, `ARG C=$B$B`, ...) double per line: past the cap the value is treated
  // as unknown instead of growing until the string length limit throws.
  if (out.length > MAX_EXPANDED) return { value: out.slice(0, MAX_EXPANDED), unresolved: true };
  return { value: out, unresolved };
}

const MAX_EXPANDED = 64 * 1024;

export const dockerfileParser: Parser<DockerfileModel> = {
  id: 'dockerfile',
  accepts: (entry: Entry) => entry.type.text && entry.kind !== 'http' && entry.kind !== 'host' && isDockerfileName(entry.name),
  async parse(_entry, ctx) {
    return parseDockerfile(await ctx.use(textParser));
  },
};
