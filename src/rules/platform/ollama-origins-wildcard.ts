import { issueRule } from './support.js';

export default issueRule({
  id: 'platform/ollama-origins-wildcard',
  title: "Ollama accepts requests from any web origin",
  severity: 'medium',
  description:
    "`OLLAMA_ORIGINS=*` allows any web page in a user's browser to call the local Ollama API (DNS rebinding / cross-origin model pulls and prompts).",
  remediation: "Remove OLLAMA_ORIGINS or list the exact origins of your front-end.",
  references: ['https://github.com/ollama/ollama/blob/main/docs/faq.md'],
  tags: ["ml-platform", "ollama", "cors"],
});
