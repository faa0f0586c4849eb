// TorchScript archives (torch.jit.save: constants.pkl + code/**.py) carry their program as source
// that torch.jit.load compiles and runs: `__setstate__` methods during loading, `forward` on first
// use. This parser reads the code/ members of such an archive (never tensor payloads) and lists
// the operations from torchscript-ops.ts that touch files, the network or unseen native code, with
// the member, line and enclosing method. A linear tokenizer, no regex backtracking, no recursion:
// string literals and comments are skipped so text inside them never matches, and attribute
// chains are matched token by token so `torch . save`, `torch.\` + newline + `save` or
// `torch.ops.aten.save` are all seen.
import { readZip } from '../../io/zip/zip-reader.js';
import { torchZipParser } from './torch-zip.js';
import { openZipMember } from '../../io/zip/open-member.js';
import { readAll } from '../../io/sources.js';
import { ArchiveBudget } from '../../core/limits.js';
import { errorMessage } from '../../core/errors.js';
import type { Parser } from '../../core/types.js';
import { BUILTIN_CLASS_NAMESPACES, BUILTIN_OP_NAMESPACES, DANGEROUS_ATEN, DANGEROUS_RPC } from './torchscript-ops.js';

export interface TorchScriptHit {
  member: string;
  line: number;
  /** Enclosing method (`forward`, `__setstate__`, ...), if any. */
  method?: string;
  /** Dotted call as written, normalised (`torch.save`, `ops.myns.op`). */
  call: string;
  kind: 'file-write' | 'file-read' | 'network' | 'custom-op' | 'custom-class';
  effect: string;
}

export interface TorchScriptCodeModel {
  torchscript: boolean;
  codeMembers: number;
  hits: TorchScriptHit[];
  /** code/ members that could not be read (corrupt, over the cap). */
  unread: Array<{ member: string; error: string }>;
}

const CODE_MEMBER = /(^|\/)code\/.*\.py$/;
const MAX_CODE_MEMBERS = 4096;
const MAX_CODE_BYTES = 8 * 1024 * 1024;
const MAX_HITS = 200;

interface Tok {
  t: string;
  line: number;
  /** Indentation of the line the token starts (for `def` scoping). */
  indent: number;
  /** First token on its line. */
  first: boolean;
}

/** Names, dots and single punctuation; strings, comments and numbers dropped. */
export function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let line = 1;
  let lineStart = true;
  let indent = 0;
  let col = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === '\n') {
      line++;
      i++;
      lineStart = true;
      col = 0;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      // Explicit line continuation: the logical line goes on.
      line++;
      i += 2;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      if (lineStart) col++;
      i++;
      continue;
    }
    if (c === '#') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    const first = lineStart;
    if (lineStart) {
      indent = col;
      lineStart = false;
    }
    if (c === '"' || c === "'") {
      const triple = src.startsWith(c.repeat(3), i);
      const q = triple ? c.repeat(3) : c;
      i += q.length;
      while (i < n) {
        if (src[i] === '\\') {
          if (src[i + 1] === '\n') line++;
          i += 2;
          continue;
        }
        if (src[i] === '\n') {
          line++;
          if (!triple) break;
        }
        if (src.startsWith(q, i)) {
          i += q.length;
          break;
        }
        i++;
      }
      out.push({ t: '"', line, indent, first });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const s = i;
      while (i < n && /[A-Za-z0-9_]/.test(src[i])) i++;
      out.push({ t: src.slice(s, i), line, indent, first });
      continue;
    }
    if (/[0-9]/.test(c)) {
      while (i < n && /[A-Za-z0-9_.]/.test(src[i])) i++;
      out.push({ t: '0', line, indent, first });
      continue;
    }
    out.push({ t: c, line, indent, first });
    i++;
  }
  return out;
}

/** Reads the dotted chain ending at token k (NAME . NAME . NAME), left to right. */
function chainEndingAt(toks: Tok[], k: number): string[] {
  const parts = [toks[k].t];
  let j = k - 1;
  while (j >= 1 && toks[j].t === '.' && /^[A-Za-z_]/.test(toks[j - 1].t) && parts.length < 8) {
    parts.unshift(toks[j - 1].t);
    j -= 2;
  }
  return parts;
}

export function scanTorchScript(member: string, src: string): TorchScriptHit[] {
  const toks = tokenize(src);
  const hits: TorchScriptHit[] = [];
  // Enclosing methods: a stack of (indent, name) from `def` tokens at the start of a line.
  const defs: Array<{ indent: number; name: string }> = [];
  for (let k = 0; k < toks.length && hits.length < MAX_HITS; k++) {
    const tk = toks[k];
    if (tk.first) {
      while (defs.length && defs[defs.length - 1].indent >= tk.indent) defs.pop();
      if (tk.t === 'def' && toks[k + 1]) defs.push({ indent: tk.indent, name: toks[k + 1].t });
    }
    if (!/^[A-Za-z_]/.test(tk.t)) continue;
    // Only the last name of a chain is examined (the next token is not a dot).
    if (toks[k + 1]?.t === '.') continue;
    if (k > 0 && toks[k - 1].t === 'def') continue;
    const chain = chainEndingAt(toks, k);
    const name = chain[chain.length - 1];
    const method = defs.length ? defs[defs.length - 1].name : undefined;
    const at = { member, line: tk.line, ...(method ? { method } : {}) };
    const called = toks[k + 1]?.t === '(';
    // torch.save / torch.ops.aten.save / ops.aten.save (also through a parenthesised `(torch).save`).
    const owner = chain.length >= 2 ? chain[chain.length - 2] : k >= 2 && toks[k - 1].t === '.' && toks[k - 2].t === ')' ? ')' : '';
    const aten = DANGEROUS_ATEN[name];
    if (aten && (owner === 'torch' || owner === 'aten' || owner === ')')) {
      hits.push({ ...at, call: chain.join('.'), kind: aten.kind, effect: aten.effect });
      continue;
    }
    const rpc = DANGEROUS_RPC[name];
    if (rpc && called && (chain.includes('rpc') || owner === 'prim')) {
      hits.push({ ...at, call: chain.join('.'), kind: rpc.kind, effect: rpc.effect });
      continue;
    }
    // ops.NS.op(...) with a namespace that does not ship with PyTorch.
    const opsAt = chain.indexOf('ops');
    if (called && opsAt >= 0 && chain.length === opsAt + 3 && (opsAt === 0 || chain[opsAt - 1] === 'torch') && !BUILTIN_OP_NAMESPACES.has(chain[opsAt + 1])) {
      hits.push({ ...at, call: chain.join('.'), kind: 'custom-op', effect: `operator ${chain[opsAt + 1]}::${name} comes from a native library outside the archive` });
      continue;
    }
    // __torch__.torch.classes.NS.Cls / torch.classes.NS.Cls: custom C++ classes.
    const cls = chain.indexOf('classes');
    if (cls >= 1 && chain[cls - 1] === 'torch' && chain.length === cls + 3 && !BUILTIN_CLASS_NAMESPACES.has(chain[cls + 1])) {
      hits.push({ ...at, call: chain.join('.'), kind: 'custom-class', effect: `custom class ${chain[cls + 1]}.${name} comes from a native library outside the archive` });
    }
  }
  return hits;
}

export const torchscriptCodeParser: Parser<TorchScriptCodeModel> = {
  id: 'torchscript-code',
  accepts(entry) {
    return entry.type.kind === 'zip';
  },
  async parse(entry, ctx) {
    const model: TorchScriptCodeModel = { torchscript: false, codeMembers: 0, hits: [], unread: [] };
    // The torch-zip parser has already classified the archive from its central directory.
    if ((await ctx.use(torchZipParser)).kind !== 'torchscript') return model;
    const zip = await readZip(entry.source, ctx.limits.maxArchiveMembers);
    const files = zip.members.filter((m) => !m.isDirectory);
    const code = files.filter((m) => CODE_MEMBER.test(m.name));
    // torch.jit.save layout: constants.pkl beside code/ (the same test as the torch-zip parser).
    if (code.length === 0 || !files.some((m) => /(^|\/)constants\.pkl$/.test(m.name))) return model;
    model.torchscript = true;
    model.codeMembers = code.length;
    const budget = new ArchiveBudget(ctx.limits);
    const label = `${entry.path}${entry.innerPath ? `!${entry.innerPath}` : ''}`;
    for (const m of code.slice(0, MAX_CODE_MEMBERS)) {
      ctx.checkTime();
      try {
        const src = await openZipMember(entry.source, m, { limits: ctx.limits, budget }, `${label}!${m.name}`);
        const text = (await readAll(src, MAX_CODE_BYTES, `${label}!${m.name}`)).toString('utf8');
        model.hits.push(...scanTorchScript(m.name, text));
      } catch (e) {
        model.unread.push({ member: m.name, error: errorMessage(e) });
      }
      if (model.hits.length >= MAX_HITS) break;
    }
    return model;
  },
};
