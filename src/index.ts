// Library API. The JSON report shape (core/types.ts Report) is the stable contract.
export { scanPaths, runTargets, selectRules, type ScanOptions } from './scan/scan-paths.js';
export { Engine } from './scan/engine.js';
export { fileEntry } from './targets/fs/target.js';
export { loadRules } from './scan/registry.js';
export { render, FORMATS, type Format } from './report/index.js';
export { run } from './cli/run.js';
export * from './core/types.js';
export { TOOL, VERSION } from './core/version.js';
