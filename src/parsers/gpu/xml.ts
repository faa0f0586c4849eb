// A small, bounded XML reader for `nvidia-smi -q -x` output. nvidia-smi emits plain element trees
// (no namespaces, no entities beyond the five predefined ones, a DOCTYPE naming its DTD), so a
// linear tokenizer with an explicit stack is enough: no recursion, no regex over the whole input,
// element count and depth capped. Damage (a stray end tag, truncation) becomes an issue, and the
// tree built so far is still returned so rules see what was read before it.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated, trimmed character data directly inside this element. */
  text: string;
}

export interface XmlParseResult {
  root?: XmlElement;
  issues: string[];
}

export const XML_LIMITS = { maxElements: 200_000, maxDepth: 64 };

const ATTR = /([A-Za-z_:][-\w:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (_, e: string) => {
    switch (e) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
  });
}

export function parseXml(text: string, limits = XML_LIMITS): XmlParseResult {
  const issues: string[] = [];
  const stack: Array<{ el: XmlElement; parts: string[] }> = [];
  let root: XmlElement | undefined;
  let count = 0;
  let i = 0;
  const n = text.length;
  const addText = (s: string) => {
    const top = stack[stack.length - 1];
    if (top && s.trim()) top.parts.push(decode(s));
  };
  const close = () => {
    const f = stack.pop()!;
    f.el.text = f.parts.join('').trim();
  };
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt === -1) {
      addText(text.slice(i));
      break;
    }
    if (lt > i) addText(text.slice(i, lt));
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end === -1) {
        issues.push('unterminated comment');
        break;
      }
      i = end + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      if (end === -1) {
        issues.push('unterminated CDATA section');
        break;
      }
      const top = stack[stack.length - 1];
      if (top) top.parts.push(text.slice(lt + 9, end));
      i = end + 3;
      continue;
    }
    if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt + 2);
      if (end === -1) {
        issues.push('unterminated processing instruction');
        break;
      }
      i = end + 2;
      continue;
    }
    if (text.startsWith('<!', lt)) {
      // DOCTYPE: an internal subset in brackets may contain '>'.
      const bracket = text.indexOf('[', lt);
      const gt = text.indexOf('>', lt);
      let end = gt;
      if (bracket !== -1 && gt !== -1 && bracket < gt) end = text.indexOf(']>', bracket) + 1;
      if (end <= 0) {
        issues.push('unterminated declaration');
        break;
      }
      i = end + 1;
      continue;
    }
    const gt = text.indexOf('>', lt);
    if (gt === -1) {
      issues.push(`truncated tag at offset ${lt}`);
      break;
    }
    const body = text.slice(lt + 1, gt);
    i = gt + 1;
    if (body.startsWith('/')) {
      const name = body.slice(1).trim();
      const at = stack.map((f) => f.el.name).lastIndexOf(name);
      if (at === -1) {
        issues.push(`unexpected end tag </${name}> at offset ${lt}`);
        continue;
      }
      if (at !== stack.length - 1) issues.push(`element <${stack[stack.length - 1].el.name}> not closed before </${name}>`);
      while (stack.length > at) close();
      continue;
    }
    const selfClosing = body.endsWith('/');
    const inner = selfClosing ? body.slice(0, -1) : body;
    const sp = inner.search(/\s/);
    const name = (sp === -1 ? inner : inner.slice(0, sp)).trim();
    if (!name) {
      issues.push(`empty tag at offset ${lt}`);
      continue;
    }
    if (++count > limits.maxElements) {
      issues.push(`more than ${limits.maxElements} elements; the rest was not read`);
      break;
    }
    if (stack.length >= limits.maxDepth) {
      issues.push(`elements nested deeper than ${limits.maxDepth}; the rest was not read`);
      break;
    }
    const attrs: Record<string, string> = {};
    if (sp !== -1) {
      ATTR.lastIndex = 0;
      const rest = inner.slice(sp);
      for (let m = ATTR.exec(rest); m; m = ATTR.exec(rest)) attrs[m[1]] = decode(m[2] ?? m[3] ?? '');
    }
    const el: XmlElement = { name, attrs, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.el.children.push(el);
    else if (!root) root = el;
    else {
      issues.push(`second root element <${name}> ignored`);
      continue;
    }
    if (!selfClosing) stack.push({ el, parts: [] });
  }
  if (stack.length) {
    issues.push(`input ended inside <${stack[stack.length - 1].el.name}> (truncated?)`);
    while (stack.length) close();
  }
  return { root, issues };
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** Text at a slash path below `el` ('mig_mode/current_mig'), or undefined. */
export function textAt(el: XmlElement | undefined, path: string): string | undefined {
  let cur = el;
  for (const part of path.split('/')) cur = child(cur, part);
  return cur?.text;
}
