// Turns a tree-sitter Python syntax tree into the plain facts rules need: every call with its
// resolved dotted name (import aliases followed: `import torch as T; T.load` is `torch.load`, `from
// torch import load as L; L()` too), its positional and keyword arguments as literal values where they
// are literal, keyword arguments merged from literal `**{...}` / `**dict(...)` / `**name` dicts, and
// references to watched attributes that are not calls (`ssl._create_unverified_context` assigned).
// Because only call nodes are reported, code inside comments, docstrings and strings never counts.
//
// Name binding is flow-insensitive per file and follows source order (a later `import` or `def` of the
// same name rebinds it): good enough for scripts and notebooks, and never guesses a module for a name
// that was not imported. No recursion over the tree (one query); the tree is freed by the caller.
import { Query, type Node, type Tree } from 'web-tree-sitter';

export type PyValue =
  | { kind: 'str'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'none' }
  | { kind: 'num'; value: number }
  /** A name or attribute chain; qname when it resolves through an import (`yaml.SafeLoader`). */
  | { kind: 'ref'; name: string; qname?: string; optOut?: string }
  | { kind: 'dict'; entries: Record<string, PyValue>; opaque: boolean }
  /** f-strings, calls, subscripts, arithmetic: not a literal. */
  | { kind: 'other' };

export interface PyArg {
  value: PyValue;
  /** Source text, capped at 120 characters. */
  text: string;
  line: number;
  column: number;
  /** Set when the value came through a name bound to a literal (`REV = "main"`; `revision=REV`). */
  via?: string;
  /** For a plain name: the expression last assigned to it (`code = resp.choices[0].message.content`), capped. */
  origin?: string;
}

export interface PyCall {
  /** Dotted name after alias resolution, e.g. `torch.load`, `builtins.eval`; undefined when not an import. */
  qname?: string;
  /** Last name segment (`from_pretrained`), resolved or not. */
  name: string;
  /** Callee source text, capped. */
  callee: string;
  line: number;
  column: number;
  args: PyArg[];
  kwargs: Record<string, PyArg>;
  /** Keyword names that came from a literal `**` dict. */
  splatKeys: string[];
  /** `*args` present: positions unknown. */
  opaqueArgs: boolean;
  /** `**x` that is not a literal dict: any keyword may be set. */
  opaqueKwargs: boolean;
}

/** A resolved name used as a value on the right of an assignment (calls and arguments are in PyCall). */
export interface PyRef {
  qname: string;
  line: number;
  column: number;
  text: string;
  /** Set when the use sits on the branch a verification flag turns off (see optOutGuard): the flag's condition. */
  optOut?: string;
}

export interface PythonFacts {
  calls: PyCall[];
  refs: PyRef[];
  /** Modules imported (top-level names), for inventory and quick prefilters. */
  imports: string[];
  /** ERROR/MISSING nodes: the file was partly unparsable (still analysed). */
  syntaxErrors: number;
}

type Binding = { kind: 'module'; qname: string; optOut?: string } | { kind: 'value'; value: PyValue; name: string } | { kind: 'local'; origin?: string };

/** A condition that names certificate/TLS verification: `if configuration.verify_ssl:`, `if self.ssl:`. */
const VERIFY_FLAG = /verif|\bssl\b|_ssl\b|\bssl_|\btls\b|cert/i;
/** A condition that asks for no verification: `if insecure:`, `if not verify:`, `if skip_tls_verify:`. */
const NO_VERIFY_FLAG = /insecure|\bno_?verify|skip_?(tls_?)?verif|disable_?(ssl|tls|verif)|^\s*not\s+[\w.]*(verif|ssl|tls|cert)/i;

/**
 * The condition of the nearest `if` that makes this node the branch where the caller asked for no
 * verification: the `else` of `if verify_ssl:` or the body of `if insecure:`. Generated API clients
 * (OpenAPI, swagger) all carry `cert_reqs = ssl.CERT_NONE` on that branch: an opt-out the caller
 * controls, not verification switched off.
 */
function optOutGuard(node: Node): string | undefined {
  let child: Node = node;
  for (let up = node.parent, depth = 0; up && depth < 32; child = up, up = up.parent, depth++) {
    if (up.type !== 'if_statement') continue;
    const cond = up.childForFieldName('condition')?.text ?? '';
    const inElse = child.type === 'else_clause';
    const inBody = child.id === up.childForFieldName('consequence')?.id;
    if (inElse && VERIFY_FLAG.test(cond) && !NO_VERIFY_FLAG.test(cond)) return cap(cond);
    if (inBody && NO_VERIFY_FLAG.test(cond)) return cap(cond);
  }
  return undefined;
}

const BUILTINS = new Set(['eval', 'exec', 'compile', '__import__', 'open', 'input', 'getattr']);
const MAX_TEXT = 120;

function cap(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > MAX_TEXT ? `${one.slice(0, MAX_TEXT - 3)}...` : one;
}

export function analyze(tree: Tree, mapLine: (row: number) => number = (r) => r + 1): PythonFacts {
  const bindings = new Map<string, Binding>();
  const calls: PyCall[] = [];
  const refs: PyRef[] = [];
  const imports = new Set<string>();
  let syntaxErrors = 0;

  const qnameOf = (node: Node | null): string | undefined => {
    // Walk down the attribute chain to its base, then resolve the base.
    const parts: string[] = [];
    let n = node;
    while (n && n.type === 'attribute') {
      const attr = n.childForFieldName('attribute');
      if (!attr) return undefined;
      parts.unshift(attr.text);
      n = n.childForFieldName('object');
    }
    if (!n || n.type !== 'identifier') return undefined;
    const b = bindings.get(n.text);
    let base: string | undefined;
    if (b?.kind === 'module') base = b.qname;
    else if (!b && BUILTINS.has(n.text) && parts.length === 0) base = `builtins.${n.text}`;
    if (!base) return undefined;
    return parts.length ? `${base}.${parts.join('.')}` : base;
  };

  const stringValue = (node: Node): string | undefined => {
    if (node.type === 'concatenated_string') {
      let out = '';
      for (const c of node.namedChildren) {
        const v = c ? stringValue(c) : undefined;
        if (v === undefined) return undefined;
        out += v;
      }
      return out;
    }
    if (node.type !== 'string') return undefined;
    let out = '';
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === 'interpolation') return undefined;
      if (c.type === 'string_content' || c.type === 'escape_sequence') out += c.text;
    }
    return out;
  };

  const valueOf = (node: Node | null, depth = 0): { value: PyValue; via?: string; origin?: string } => {
    if (!node) return { value: { kind: 'other' } };
    switch (node.type) {
      case 'string':
      case 'concatenated_string': {
        const s = stringValue(node);
        return { value: s === undefined ? { kind: 'other' } : { kind: 'str', value: s } };
      }
      case 'true':
        return { value: { kind: 'bool', value: true } };
      case 'false':
        return { value: { kind: 'bool', value: false } };
      case 'none':
        return { value: { kind: 'none' } };
      case 'integer':
      case 'float': {
        const v = Number(node.text.replace(/_/g, ''));
        return { value: Number.isFinite(v) ? { kind: 'num', value: v } : { kind: 'other' } };
      }
      case 'parenthesized_expression':
        return depth < 8 ? valueOf(node.namedChildren[0] ?? null, depth + 1) : { value: { kind: 'other' } };
      case 'identifier': {
        const b = bindings.get(node.text);
        if (b?.kind === 'value') return { value: b.value, via: b.name };
        const q = qnameOf(node);
        const optOut = b?.kind === 'module' ? b.optOut : undefined;
        return { value: { kind: 'ref', name: node.text, ...(q ? { qname: q } : {}), ...(optOut ? { optOut } : {}) }, ...(b?.kind === 'local' && b.origin ? { origin: b.origin } : {}) };
      }
      case 'attribute': {
        const q = qnameOf(node);
        return { value: { kind: 'ref', name: cap(node.text), ...(q ? { qname: q } : {}) } };
      }
      case 'dictionary':
        return { value: dictValue(node) };
      case 'call': {
        // dict(k=v, ...) is a literal dict when all keywords are.
        const fn = node.childForFieldName('function');
        if (fn?.type === 'identifier' && fn.text === 'dict' && !bindings.has('dict')) {
          const entries: Record<string, PyValue> = {};
          let opaque = false;
          for (const a of node.childForFieldName('arguments')?.namedChildren ?? []) {
            if (a?.type === 'keyword_argument') {
              const k = a.childForFieldName('name')?.text;
              if (k) entries[k] = valueOf(a.childForFieldName('value'), depth + 1).value;
            } else opaque = true;
          }
          return { value: { kind: 'dict', entries, opaque } };
        }
        return { value: { kind: 'other' } };
      }
      default:
        return { value: { kind: 'other' } };
    }
  };

  const dictValue = (node: Node): PyValue => {
    const entries: Record<string, PyValue> = {};
    let opaque = false;
    for (const p of node.namedChildren) {
      if (!p) continue;
      if (p.type === 'pair') {
        const k = p.childForFieldName('key');
        const key = k ? stringValue(k) : undefined;
        if (key === undefined) opaque = true;
        else entries[key] = valueOf(p.childForFieldName('value'), 1).value;
      } else if (p.type !== 'comment') opaque = true;
    }
    return { kind: 'dict', entries, opaque };
  };

  const arg = (node: Node): PyArg => {
    const v = valueOf(node);
    return { value: v.value, text: cap(node.text), line: mapLine(node.startPosition.row), column: node.startPosition.column + 1, ...(v.via ? { via: v.via } : {}), ...(v.origin ? { origin: v.origin } : {}) };
  };

  const onCall = (node: Node) => {
    const fn = node.childForFieldName('function');
    if (!fn) return;
    const argsNode = node.childForFieldName('arguments');
    const call: PyCall = {
      name: fn.type === 'attribute' ? (fn.childForFieldName('attribute')?.text ?? '') : fn.type === 'identifier' ? fn.text : '',
      callee: cap(fn.text),
      line: mapLine(node.startPosition.row),
      column: node.startPosition.column + 1,
      args: [],
      kwargs: {},
      splatKeys: [],
      opaqueArgs: false,
      opaqueKwargs: false,
    };
    const q = qnameOf(fn);
    if (q) call.qname = q;
    // `generator_expression` as sole argument: f(x for x in y)
    if (argsNode?.type === 'argument_list') {
      for (const a of argsNode.namedChildren) {
        if (!a || a.type === 'comment') continue;
        if (a.type === 'keyword_argument') {
          const k = a.childForFieldName('name')?.text;
          const v = a.childForFieldName('value');
          if (k && v) call.kwargs[k] = arg(v);
        } else if (a.type === 'list_splat') call.opaqueArgs = true;
        else if (a.type === 'dictionary_splat') {
          const inner = a.namedChildren[0];
          const v = inner ? valueOf(inner).value : ({ kind: 'other' } as PyValue);
          if (v.kind === 'dict') {
            for (const [k, val] of Object.entries(v.entries)) {
              if (call.kwargs[k]) continue;
              call.kwargs[k] = { value: val, text: cap(inner!.text), line: mapLine(inner!.startPosition.row), column: inner!.startPosition.column + 1, via: `**${cap(inner!.text)}` };
              call.splatKeys.push(k);
            }
            if (v.opaque) call.opaqueKwargs = true;
          } else call.opaqueKwargs = true;
        } else call.args.push(arg(a));
      }
    } else if (argsNode) call.args.push(arg(argsNode));
    calls.push(call);
  };

  const bindImport = (node: Node) => {
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === 'dotted_name') {
        const top = c.text.split('.')[0].trim();
        bindings.set(top, { kind: 'module', qname: top });
        imports.add(top);
      } else if (c.type === 'aliased_import') {
        const name = c.childForFieldName('name')?.text.replace(/\s+/g, '');
        const alias = c.childForFieldName('alias')?.text;
        if (name && alias) {
          bindings.set(alias, { kind: 'module', qname: name });
          imports.add(name.split('.')[0]);
        }
      }
    }
  };

  const bindFromImport = (node: Node) => {
    const mod = node.childForFieldName('module_name');
    if (!mod) return;
    const relative = mod.type === 'relative_import';
    const base = mod.text.replace(/\s+/g, '');
    if (!relative) imports.add(base.split('.')[0]);
    for (const c of node.childrenForFieldName('name')) {
      if (!c) continue;
      let name: string | undefined;
      let alias: string | undefined;
      if (c.type === 'dotted_name') name = alias = c.text;
      else if (c.type === 'aliased_import') {
        name = c.childForFieldName('name')?.text;
        alias = c.childForFieldName('alias')?.text;
      }
      if (!name || !alias) continue;
      bindings.set(alias, relative ? { kind: 'local' } : { kind: 'module', qname: `${base}.${name}` });
    }
  };

  const bindAssignment = (node: Node) => {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    // `ssl._create_default_https_context = ssl._create_unverified_context`: a reference, not a call.
    if (right && (right.type === 'attribute' || right.type === 'identifier')) onRef(right);
    if (!left || left.type !== 'identifier') return;
    const name = left.text;
    if (!right) return;
    if (right.type === 'identifier' || right.type === 'attribute') {
      const q = qnameOf(right);
      if (q) {
        const optOut = optOutGuard(node);
        bindings.set(name, { kind: 'module', qname: q, ...(optOut ? { optOut } : {}) });
        return;
      }
    }
    const v = valueOf(right).value;
    if (v.kind === 'str' || v.kind === 'bool' || v.kind === 'num' || v.kind === 'none' || v.kind === 'dict') bindings.set(name, { kind: 'value', value: v, name });
    else bindings.set(name, { kind: 'local', origin: cap(right.text) });
  };

  const onRef = (node: Node) => {
    const q = qnameOf(node);
    if (!q) return;
    const optOut = optOutGuard(node);
    refs.push({ qname: q, line: mapLine(node.startPosition.row), column: node.startPosition.column + 1, text: cap(node.text), ...(optOut ? { optOut } : {}) });
  };

  // The query runs inside the WASM module and hands back only the nodes of interest, which is several
  // times faster than visiting every token from JavaScript. Captures are put in document order, outer
  // node first, so bindings are seen before the calls that follow them.
  const captures = query(tree).captures(tree.rootNode);
  const items = captures.map((c) => ({ name: c.name, node: c.node, start: c.node.startIndex, end: c.node.endIndex }));
  items.sort((x, y) => x.start - y.start || y.end - x.end);
  for (const it of items) {
    switch (it.name) {
      case 'error':
        syntaxErrors++;
        break;
      case 'call':
        onCall(it.node);
        break;
      case 'import':
        bindImport(it.node);
        break;
      case 'from':
        bindFromImport(it.node);
        break;
      case 'assign':
        bindAssignment(it.node);
        break;
      case 'def': {
        const name = it.node.childForFieldName('name')?.text;
        if (name) bindings.set(name, { kind: 'local' });
        break;
      }
    }
  }
  return { calls, refs, imports: [...imports].sort(), syntaxErrors };
}

const QUERY = `
(ERROR) @error
(call) @call
(import_statement) @import
(import_from_statement) @from
(assignment) @assign
(function_definition) @def
(class_definition) @def
`;
// One grammar per process, so one compiled query (tree.language is a fresh wrapper object per call).
let compiled: Query | undefined;

function query(tree: Tree): Query {
  compiled ??= new Query(tree.language, QUERY);
  return compiled;
}

/** A keyword argument's literal value, or undefined when absent; `unknown` when present but not literal. */
export function kwarg(call: PyCall, name: string): PyArg | undefined {
  return call.kwargs[name];
}

/** Positional argument `index`, or keyword `name` (Python lets most parameters be given either way). */
export function param(call: PyCall, index: number, name: string): PyArg | undefined {
  return call.kwargs[name] ?? (call.opaqueArgs && index >= call.args.length ? undefined : call.args[index]);
}

export function isTrue(a: PyArg | undefined): boolean {
  return a?.value.kind === 'bool' && a.value.value === true;
}

export function isFalse(a: PyArg | undefined): boolean {
  return a?.value.kind === 'bool' && a.value.value === false;
}
