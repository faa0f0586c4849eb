// Helpers shared by the Dockerfile rules: walking the commands an image build runs, and pointing a
// finding at the physical line (inside a multi-line RUN or heredoc) where the evidence sits.
import type { DockerfileModel, Instruction } from '../../parsers/dockerfile/dockerfile.js';
import { parseShell, shellScripts, type Pipeline, type ShellCommand } from '../../parsers/dockerfile/shell.js';
import type { RuleContext } from '../../core/types.js';

export const NIST_800_190 = 'https://nvlpubs.nist.gov/nistpubs/SpecialPublications/NIST.SP.800-190.pdf';
export const DOCKERFILE_REF = 'https://docs.docker.com/reference/dockerfile/';
export const ATLAS_SUPPLY_CHAIN = 'https://atlas.mitre.org/techniques/AML.T0010';

/** RUN instructions (ONBUILD RUN included) with their parsed pipelines. */
export function* runPipelines(model: DockerfileModel): Generator<{ inst: Instruction; pipeline: Pipeline }> {
  for (const inst of model.instructions) {
    if (inst.keyword !== 'RUN' && !(inst.keyword === 'ONBUILD' && /^RUN\b/i.test(inst.rest))) continue;
    const target = inst.keyword === 'ONBUILD' ? { ...inst, rest: inst.rest.replace(/^RUN\s*/i, '') } : inst;
    for (const script of shellScripts(target)) for (const pipeline of parseShell(script)) yield { inst, pipeline };
  }
}

export function* runCommands(model: DockerfileModel): Generator<{ inst: Instruction; cmd: ShellCommand; pipeline: Pipeline }> {
  for (const { inst, pipeline } of runPipelines(model)) for (const cmd of pipeline) yield { inst, cmd, pipeline };
}

/** The physical line of `inst` (heredoc bodies included) that first contains `needle`, else the first line. */
export function lineOf(model: DockerfileModel, inst: Instruction, needle: string): number {
  if (!needle) return inst.line;
  for (let n = inst.line; n <= inst.endLine; n++) if (model.text.line(n)?.includes(needle)) return n;
  return inst.line;
}

/** Evidence: the physical line, trimmed and capped. */
export function evidenceAt(model: DockerfileModel, line: number): string {
  const l = (model.text.line(line) ?? '').trim();
  return l.length > 200 ? `${l.slice(0, 197)}...` : l;
}

export function reportAt(ctx: RuleContext, model: DockerfileModel, inst: Instruction, needle: string, message: string, key: string, extra: Partial<Parameters<RuleContext['report']>[0]> = {}): void {
  const line = lineOf(model, inst, needle);
  ctx.report({ message, location: { line }, evidence: evidenceAt(model, line), key, ...extra });
}

/** pip, pip3, pip3.11, `python -m pip`, `uv pip`: returns the words after `pip` or undefined. */
export function pipArgs(words: string[]): string[] | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i].slice(words[i].lastIndexOf('/') + 1);
    if (/^pip(?:\d+(?:\.\d+)?)?$/.test(w)) return words.slice(i + 1);
    if (/^python(?:\d+(?:\.\d+)?)?$/.test(w) && words[i + 1] === '-m' && /^pip\d*$/.test(words[i + 2] ?? '')) return words.slice(i + 3);
    if (i > 0) break;
  }
  if (words[0] === 'uv' && words[1] === 'pip') return words.slice(2);
  return undefined;
}

/** Value of `--name value` or `--name=value` among words, or undefined. */
export function optionValue(words: string[], names: string[]): { value: string; word: string } | undefined {
  for (let i = 0; i < words.length; i++) {
    for (const n of names) {
      if (words[i] === n) return { value: words[i + 1] ?? '', word: n };
      if (words[i].startsWith(`${n}=`)) return { value: words[i].slice(n.length + 1), word: n };
    }
  }
  return undefined;
}
