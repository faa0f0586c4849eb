// The Python grammar: web-tree-sitter (the WASM build of tree-sitter, no native addon) with the
// tree-sitter-python 0.25 grammar as shipped prebuilt in @vscode/tree-sitter-wasm (byte-identical to
// tree-sitter-python@0.25.0's own .wasm, without that package's native-addon install step).
// Loaded once per process, on first use, so scans without Python files never pay for it.
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';

const require = createRequire(import.meta.url);
let loading: Promise<Parser> | undefined;

export function pythonParser(): Promise<Parser> {
  loading ??= (async () => {
    await Parser.init();
    const language = await Language.load(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm'));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  // A failed load (missing file) is retried next time rather than cached forever.
  loading.catch(() => (loading = undefined));
  return loading;
}
