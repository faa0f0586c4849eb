import { scanPaths } from './src/scan.js';
const r = await scanPaths([process.argv[2]], { cwd: process.argv[3] ?? '/work/wt/infra-k8s/test/fixtures/infra-k8s', gitignore: false });
for (const f of r.findings) console.log(f.ruleId, f.severity, f.location.line, f.message);
for (const e of r.errors) console.log('ERR', e);
