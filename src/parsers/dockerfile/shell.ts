// A small POSIX-shell reader for RUN lines and heredoc scripts: enough structure for rules to ask
// "which commands run, with which words, and what is piped into what". Quotes, backslashes, `$(...)`
// and backticks are kept inside words; `&&`, `||`, `;`, `&`, newlines, `|` and parentheses split.
// One linear pass; no recursion (command substitutions are re-read by the caller when it needs to).
import type { Instruction } from './dockerfile.js';

export interface ShellCommand {
  /** Words with quotes removed, e.g. ['pip', 'install', '--extra-index-url', 'https://...']. */
  words: string[];
  /** The command's source text (quotes kept). */
  text: string;
}

/** Commands connected by `|`: `curl -fsSL x | sh` is one pipeline of two commands. */
export type Pipeline = ShellCommand[];

export function parseShell(script: string): Pipeline[] {
  const pipelines: Pipeline[] = [];
  let pipeline: Pipeline = [];
  let words: string[] = [];
  let word = '';
  let hasWord = false;
  let cmdStart = 0;
  let depth = 0; // inside $( ... ) or backticks: operators belong to the word
  let inBacktick = false;
  const endWord = () => {
    if (hasWord) words.push(word);
    word = '';
    hasWord = false;
  };
  const endCommand = (at: number) => {
    endWord();
    if (words.length) pipeline.push({ words, text: script.slice(cmdStart, at).trim() });
    words = [];
    cmdStart = at + 1;
  };
  const endPipeline = (at: number) => {
    endCommand(at);
    if (pipeline.length) pipelines.push(pipeline);
    pipeline = [];
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i];
    if (c === "'" && depth === 0 && !inBacktick) {
      const end = script.indexOf("'", i + 1);
      const stop = end === -1 ? script.length : end;
      word += script.slice(i + 1, stop);
      hasWord = true;
      i = stop;
      continue;
    }
    if (c === '"' && depth === 0 && !inBacktick) {
      let j = i + 1;
      for (; j < script.length && script[j] !== '"'; j++) {
        if (script[j] === '\\' && j + 1 < script.length) word += script[++j];
        else word += script[j];
      }
      hasWord = true;
      i = j;
      continue;
    }
    if (c === '\\' && i + 1 < script.length) {
      if (script[i + 1] !== '\n') {
        word += script[i + 1];
        hasWord = true;
      }
      i++;
      continue;
    }
    if (c === '$' && script[i + 1] === '(') {
      depth++;
      word += '$(';
      hasWord = true;
      i++;
      continue;
    }
    if (c === '`') {
      inBacktick = !inBacktick;
      word += c;
      hasWord = true;
      continue;
    }
    if (depth > 0 || inBacktick) {
      if (c === '(') depth++;
      else if (c === ')') depth--;
      word += c;
      continue;
    }
    if (c === '#' && !hasWord) {
      const nl = script.indexOf('\n', i);
      i = nl === -1 ? script.length : nl - 1;
      continue;
    }
    if (c === ' ' || c === '\t') {
      endWord();
      continue;
    }
    if (c === '|' && script[i + 1] !== '|') {
      endCommand(i);
      continue;
    }
    if (c === '&' && (script[i - 1] === '>' || script[i - 1] === '<' || script[i + 1] === '>')) {
      word += c; // redirections: 2>&1, &>/dev/null
      hasWord = true;
      continue;
    }
    if (c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '{' || c === '}') {
      // `{`/`}` only delimit as standalone words; `${x}` never reaches here because `$` starts a word.
      if ((c === '{' || c === '}') && hasWord) {
        word += c;
        continue;
      }
      endPipeline(i);
      if ((c === '&' || c === '|') && script[i + 1] === c) {
        i++;
        cmdStart = i + 1;
      }
      continue;
    }
    word += c;
    hasWord = true;
  }
  endPipeline(script.length);
  return pipelines;
}

/** Shell text an instruction runs: shell-form arguments plus heredoc bodies, or exec-form words. */
export function shellScripts(inst: Instruction): string[] {
  const out: string[] = [];
  if (inst.exec) {
    // ["sh", "-c", "script"] runs a script; other exec forms are one command.
    const e = inst.exec;
    const c = e.findIndex((w) => w === '-c');
    if (c > 0 && /(?:^|\/)(?:ba|da|z|k)?sh$/.test(e[0]) && e[c + 1] !== undefined) out.push(e[c + 1]);
    else out.push(e.map(quoteWord).join(' '));
  } else if (inst.rest) out.push(inst.rest);
  for (const h of inst.heredocs) out.push(h.body);
  return out;
}

function quoteWord(w: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/** Strips a leading `env A=b`, `sudo`, `exec`, `time`, `nohup` so the real program is words[0]. */
export function programWords(words: string[]): string[] {
  let i = 0;
  while (i < words.length) {
    const w = words[i];
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) i++;
    else if (w === 'sudo' || w === 'exec' || w === 'time' || w === 'nohup' || w === 'env' || w === 'command') {
      i++;
      while (i < words.length && words[i].startsWith('-')) i++;
    } else break;
  }
  return words.slice(i);
}

export function basenameOf(w: string): string {
  const s = w.lastIndexOf('/');
  return s === -1 ? w : w.slice(s + 1);
}
