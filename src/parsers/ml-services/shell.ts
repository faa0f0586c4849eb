// Just enough POSIX shell word splitting for container commands (`sh -c "mlflow server --host 0.0.0.0
// && ..."`): quotes, backslash escapes, and command separators (&&, ||, ;, |, newline). Linear, no
// regex over the input; never expands or executes anything.

export interface Word {
  text: string;
  /** Offset of the word's first character in the input. */
  offset: number;
}

/** Splits a shell command string into commands, each a list of words. */
export function splitShell(input: string, maxWords = 10_000): Word[][] {
  const commands: Word[][] = [];
  let cur: Word[] = [];
  let word = '';
  let start = -1;
  let quote: '"' | "'" | null = null;
  const endWord = () => {
    if (start !== -1) cur.push({ text: word, offset: start });
    word = '';
    start = -1;
  };
  const endCommand = () => {
    endWord();
    if (cur.length) commands.push(cur);
    cur = [];
  };
  for (let i = 0; i < input.length; i++) {
    if (cur.length > maxWords) break;
    const ch = input[i];
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < input.length) word += input[++i];
      else word += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      if (start === -1) start = i;
      quote = ch;
      continue;
    }
    if (ch === '\\' && i + 1 < input.length) {
      if (input[i + 1] === '\n') i++;
      else {
        if (start === -1) start = i;
        word += input[++i];
      }
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      endWord();
      continue;
    }
    if (ch === '\n' || ch === ';' || ch === '|' || ch === '&' || ch === '(' || ch === ')') {
      endCommand();
      continue;
    }
    if (ch === '#' && start === -1) {
      while (i < input.length && input[i] !== '\n') i++;
      endCommand();
      continue;
    }
    if (start === -1) start = i;
    word += ch;
  }
  endCommand();
  return commands;
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ash']);

export interface ArgvCommand {
  /** The words of one command, after unwrapping `sh -c` and `exec`/`env` prefixes. */
  argv: string[];
  /** For each word, the index of the argv element it came from (for positions). */
  origin: number[];
}

/**
 * Commands an argv runs: the argv itself, or the commands inside `sh -c "<script>"`. Leading
 * `exec`, `env VAR=x`, `nohup`, `tini --`, `dumb-init` are skipped so the service binary is first.
 */
export function commandsOf(argv: string[]): ArgvCommand[] {
  const base = argv.map((_, i) => i);
  const shellAt = argv.findIndex((a, i) => SHELLS.has(basename(a)) && argv.slice(i + 1).some((x) => /^-[a-z]*c[a-z]*$/.test(x)));
  if (shellAt !== -1) {
    const cIdx = argv.findIndex((x, i) => i > shellAt && /^-[a-z]*c[a-z]*$/.test(x));
    const script = argv[cIdx + 1];
    if (script !== undefined) {
      return splitShell(script).map((words) => strip({ argv: words.map((w) => w.text), origin: words.map(() => cIdx + 1) }));
    }
  }
  return [strip({ argv: [...argv], origin: base })];
}

const WRAPPERS = new Set(['exec', 'nohup', 'tini', 'dumb-init', 'gosu', 'su-exec', 'time', 'sudo', '--']);

function strip(c: ArgvCommand): ArgvCommand {
  let i = 0;
  while (i < c.argv.length) {
    const w = c.argv[i];
    const b = basename(w);
    if (WRAPPERS.has(b) || (b === 'env' && i + 1 < c.argv.length) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(w) || (i > 0 && WRAPPERS.has(basename(c.argv[i - 1])) && w.startsWith('-') && w !== '--')) i++;
    else break;
  }
  return { argv: c.argv.slice(i), origin: c.origin.slice(i) };
}

export function basename(p: string): string {
  const s = p.lastIndexOf('/');
  return s === -1 ? p : p.slice(s + 1);
}
