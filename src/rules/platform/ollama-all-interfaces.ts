import { isAll } from '../../knowledge/ml-services/values.js';
import { ATLAS, serviceRule } from './support.js';

export default serviceRule({
  id: 'platform/ollama-all-interfaces',
  title: "Ollama listens on all interfaces",
  severity: 'high',
  description:
    "`OLLAMA_HOST=0.0.0.0` publishes the Ollama API, which has no authentication: anyone who reaches it pulls models (CVE-2024-37032 path traversal via a malicious registry), deletes them, or burns the GPUs. Published to all interfaces: critical.",
  remediation: "Keep Ollama on 127.0.0.1 (the default outside containers) and put an authenticating reverse proxy in front; in compose publish as `127.0.0.1:11434:11434`.",
  references: ['https://github.com/ollama/ollama/blob/main/docs/faq.md', 'https://nvd.nist.gov/vuln/detail/CVE-2024-37032', ATLAS('AML.T0049')],
  tags: ["ml-platform", "ollama", "exposure"],
}, [
  { service: 'ollama', setting: 'host', when: isAll, bind: true, auth: true, message: (v) => `Ollama listens on ${v}; Ollama has no authentication: anyone who reaches it can pull, run and delete models` },
]);
