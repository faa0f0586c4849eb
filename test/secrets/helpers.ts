import { TextModel } from '../../src/parsers/text/text.js';
import { parseNotebookText } from '../../src/parsers/notebook/notebook.js';
import { parseYamlText } from '../../src/parsers/yaml/yaml.js';
import { scanEntryText, type LocatedHit } from '../../src/rules/secrets/scan-model.js';

/** Scans `text` as a file called `name` (notebooks and Kubernetes Secrets get their structure). */
export async function scanText(text: string, name = 'file.txt'): Promise<LocatedHit[]> {
  const model = new TextModel(text);
  const notebook = name.endsWith('.ipynb') ? parseNotebookText(text) : undefined;
  const yaml = /\.ya?ml$/.test(name) && /^kind:\s*Secret\b/m.test(text) ? parseYamlText(text) : undefined;
  const res = await scanEntryText({ name }, model, { notebook, yaml });
  return [...res.byRule.values()].flat();
}

export async function ruleIds(text: string, name?: string): Promise<string[]> {
  return [...new Set((await scanText(text, name)).map((h) => `secrets/${h.detector.id}`))].sort();
}
