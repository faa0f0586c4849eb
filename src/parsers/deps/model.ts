// The model every dependency parser returns: the packages a file declares, locks or has installed,
// each with the line it was read from, plus the package indexes the file points pip at.
import type { Pep508 } from './pep508.js';

export type DepsFormat =
  | 'requirements'
  | 'pyproject'
  | 'pipfile'
  | 'poetry.lock'
  | 'uv.lock'
  | 'pdm.lock'
  | 'Pipfile.lock'
  | 'conda'
  | 'setup.cfg'
  | 'dist-info'
  | 'egg-info'
  | 'dockerfile';

export interface Dependency {
  ecosystem: 'PyPI';
  /** As written in the file. */
  name: string;
  /** PEP 503 normalised name. */
  normalized: string;
  /** The exact version when the file pins, locks or records one. */
  version?: string;
  /** The specifier as written (`>=1.2,<2`, `^1.2` for Poetry, `=1.2` for conda). */
  specifier?: string;
  line: number;
  column?: number;
  /** A VCS or URL requirement (`pkg @ git+https://...`, `git+https://...#egg=pkg`). */
  url?: string;
  marker?: string;
  extras?: string[];
  /** Optional group / extra / dev section the dependency is declared in. */
  group?: string;
}

export interface IndexUrl {
  url: string;
  /** --index-url, --extra-index-url, -i, --find-links, ... */
  option: string;
  line: number;
}

export interface Include {
  path: string;
  constraint: boolean;
  line: number;
}

export interface DepsModel {
  format: DepsFormat;
  /** True for lock files and installed metadata: versions there are what runs. */
  locked: boolean;
  deps: Dependency[];
  indexUrls: IndexUrl[];
  /** `-r other.txt` / `-c constraints.txt`: those files are scanned as files of their own. */
  includes: Include[];
  /** Lines that could not be understood (the rest of the file still counts). */
  issues: Array<{ line: number; message: string }>;
}

export function emptyModel(format: DepsFormat, locked: boolean): DepsModel {
  return { format, locked, deps: [], indexUrls: [], includes: [], issues: [] };
}

/** A dependency from a parsed PEP 508 requirement, at `line` (every requirement-list format shares this). */
export function fromRequirement(req: Pep508, line: number, extra: Partial<Dependency> = {}): Dependency {
  return {
    ecosystem: 'PyPI',
    name: req.name,
    normalized: req.normalized,
    ...(req.version ? { version: req.version } : {}),
    ...(req.specifier ? { specifier: req.specifier } : {}),
    ...(req.url ? { url: req.url } : {}),
    ...(req.marker ? { marker: req.marker } : {}),
    ...(req.extras.length ? { extras: req.extras } : {}),
    line,
    ...extra,
  };
}
