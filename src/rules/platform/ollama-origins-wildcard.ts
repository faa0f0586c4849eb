import { star } from '../../knowledge/ml-services/values.js';
import { serviceRule } from './support.js';

export default serviceRule({
  id: 'platform/ollama-origins-wildcard',
  title: "Ollama accepts requests from any web origin",
  severity: 'medium',
  description:
    "`OLLAMA_ORIGINS=*` allows any web page in a user's browser to call the local Ollama API (DNS rebinding / cross-origin model pulls and prompts).",
  remediation: "Remove OLLAMA_ORIGINS or list the exact origins of your front-end.",
  references: ['https://github.com/ollama/ollama/blob/main/docs/faq.md'],
  tags: ["ml-platform", "ollama", "cors"],
}, [
  { service: 'ollama', setting: 'origins', when: star, message: (v) => `Ollama OLLAMA_ORIGINS='${v}': any web page can call the API from a user's browser` },
]);
