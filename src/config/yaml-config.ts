// YAML for mlwarden's own files: aliases capped (no billion-laughs), duplicate keys rejected,
// errors carrying line numbers.
import { parseDocument } from 'yaml';
import { ConfigError } from '../core/errors.js';

export function parseYamlConfig(text: string, file: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const pos = e.linePos?.[0];
    throw new ConfigError(`${file}${pos ? `:${pos.line}:${pos.col}` : ''}: ${e.message.split('\n')[0]}`);
  }
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new ConfigError(`${file}: ${(e as Error).message}`);
  }
}
