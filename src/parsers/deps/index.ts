// One parser for every Python dependency file: it picks the format from the file name (these
// formats have no magic bytes) and returns a DepsModel. Installed packages are ordinary entries:
// `site-packages/x-1.0.dist-info/METADATA` on disk, in a wheel, or inside an image layer tar.
import { textParser } from '../text/text.js';
import { yamlParser } from '../yaml/yaml.js';
import { dockerfileParser, isDockerfileName } from '../dockerfile/dockerfile.js';
import type { Entry, Parser } from '../../core/types.js';
import type { DepsFormat, DepsModel } from './model.js';
import { parseRequirements } from './requirements.js';
import { parsePipfile, parsePyproject, parseTomlLock } from './toml-files.js';
import { parseConda, parseCoreMetadata, parseDockerfilePip, parsePipfileLock, parseSetupCfg } from './other-files.js';

const REQUIREMENTS = /^(.*[-_.])?(requirements|constraints)([-_.].*)?\.(txt|in)$/i;
const CONDA = /^(environment|conda|env)([-_.][\w.-]*)?\.ya?ml$/i;

/** The logical path's last two segments (archive levels and folders alike). */
function parentAndName(entry: Entry): [string, string] {
  const parts = (entry.innerPath ?? entry.path).split(/[/!\\]/).filter(Boolean);
  return [parts[parts.length - 2] ?? '', parts[parts.length - 1] ?? entry.name];
}

export function depsFormat(entry: Entry): DepsFormat | undefined {
  const name = entry.name;
  const lower = name.toLowerCase();
  if (lower === 'pyproject.toml') return 'pyproject';
  if (name === 'Pipfile') return 'pipfile';
  if (lower === 'poetry.lock') return 'poetry.lock';
  if (lower === 'uv.lock') return 'uv.lock';
  if (lower === 'pdm.lock') return 'pdm.lock';
  if (lower === 'pipfile.lock') return 'Pipfile.lock';
  if (lower === 'setup.cfg') return 'setup.cfg';
  const [parent] = parentAndName(entry);
  if (name === 'METADATA' && parent.toLowerCase().endsWith('.dist-info')) return 'dist-info';
  if (name === 'PKG-INFO' && parent.toLowerCase().endsWith('.egg-info')) return 'egg-info';
  // Debian's dist-packages often hold `name-1.0.egg-info` as a single PKG-INFO file.
  if (lower.endsWith('.egg-info')) return 'egg-info';
  if (REQUIREMENTS.test(name)) return 'requirements';
  if (parent.toLowerCase() === 'requirements' && /\.(txt|in)$/i.test(name)) return 'requirements';
  if (CONDA.test(name)) return 'conda';
  if (isDockerfileName(name)) return 'dockerfile';
  return undefined;
}

export const depsParser: Parser<DepsModel> = {
  id: 'deps',
  accepts: (entry) => entry.type.text && entry.kind !== 'http' && entry.kind !== 'host' && depsFormat(entry) !== undefined,
  async parse(entry, ctx) {
    const format = depsFormat(entry)!;
    if (format === 'conda') return parseConda(await ctx.use(yamlParser));
    const { text } = await ctx.use(textParser);
    switch (format) {
      case 'requirements':
        return parseRequirements(text);
      case 'pyproject':
        return parsePyproject(text);
      case 'pipfile':
        return parsePipfile(text);
      case 'poetry.lock':
      case 'uv.lock':
      case 'pdm.lock':
        return parseTomlLock(text, format);
      case 'Pipfile.lock':
        return parsePipfileLock(text);
      case 'setup.cfg':
        return parseSetupCfg(text);
      case 'dist-info':
      case 'egg-info':
        return parseCoreMetadata(text, format);
      case 'dockerfile':
        return parseDockerfilePip(await ctx.use(dockerfileParser));
    }
    throw new Error(`unhandled format ${format}`);
  },
};

export type { DepsModel, Dependency, DepsFormat } from './model.js';
