// Library API. The JSON report shape (core/types.ts Report) is the stable contract.
export { scanPaths, runTargets, selectRules, type ScanOptions } from './scan.js';
export { Engine, fileEntry, type Target, type TargetItem } from './core/engine.js';
export { loadRules } from './core/registry.js';
export { render, FORMATS, type Format } from './report/index.js';
export { run } from './cli/run.js';
export * from './core/types.js';
export { TOOL, VERSION } from './version.js';
