// Where a file sits says how much a configuration finding in it matters: a privileged pod under
// `test/`, a docs sample, an archived release copy or vendored code is not what a team deploys.
// On public ML repositories (KubeRay, Kubeflow, KServe, the NVIDIA GPU operator, ...) 91 % of the
// wrong critical/high findings sat in such paths (issue #18). This is the one place that knows it;
// rules never test paths themselves (STYLE.md 11).

export type ContextKind = 'production' | 'test' | 'example' | 'archive' | 'vendored';

/** Folder names (any depth below the scan root, case-insensitive) and what they mean. */
const FOLDERS: Array<{ kind: Exclude<ContextKind, 'production'>; names: RegExp }> = [
  { kind: 'test', names: /^(tests?|testing|testdata|test[-_]data|__tests?__|fixtures?|golden|goldens|e2e|unittests?|integration[-_]tests?|mocks?|benchmarks?|perf[-_]tests?)$/i },
  { kind: 'example', names: /^(examples?|samples?|docs?|demos?|tutorials?|quickstarts?)$/i },
  // Copied release folders (`install/v0.11.0/`) and what projects mark as old.
  { kind: 'archive', names: /^(v?\d+\.\d+(\.\d+)?([-.+][\w.]+)?|archived?|deprecated|legacy)$/i },
  { kind: 'vendored', names: /^(vendor|third[-_]party|node_modules)$/i },
];

/** Test files by their own name: `test_x.py`, `x_test.go`, `x.test.ts`, `conftest.py`. */
const TEST_FILE = /^(test_.+\.py|.+_test\.(py|go)|.+\.(test|spec)\.[cm]?[jt]sx?|conftest\.py)$/i;

/**
 * The domains whose findings describe configuration or code that is only a risk where it is
 * deployed or run. Model payloads and secrets are judged the same everywhere: a pickle under
 * `tests/` still runs code when a test loads it, and a live key in a fixture is still leaked.
 */
export const CONTEXTUAL_DOMAINS: ReadonlySet<string> = new Set(['k8s', 'platform', 'container', 'code', 'deps', 'image']);

/** The most a contextual finding outside production is reported at (it stays in the report). */
export const CONTEXT_CAP = 'low' as const;

/** The context a folder's own name gives (`tests`, `samples`, `v0.11.0`, `vendor`), if any. */
export function folderContext(name: string): Exclude<ContextKind, 'production'> | undefined {
  return FOLDERS.find((f) => f.names.test(name))?.kind;
}

/** The context of a path relative to the scan root (`/`-separated), with the segment that decided it. */
export function contextOf(relPath: string): { kind: ContextKind; why?: string } {
  const parts = relPath.split('/').filter((p) => p && p !== '.');
  const file = parts.pop() ?? '';
  for (const dir of parts) {
    const kind = folderContext(dir);
    if (kind) return { kind, why: `${dir}/` };
  }
  if (TEST_FILE.test(file)) return { kind: 'test', why: file };
  return { kind: 'production' };
}
