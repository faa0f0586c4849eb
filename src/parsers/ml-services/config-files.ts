// The ML services' own config files, read as key = value with line numbers. Only the simple, literal
// forms are understood (no Python evaluation, no includes): `c.ServerApp.token = ''` in
// jupyter_*_config.py, the JSON variant, INI sections (mlflow basic_auth.ini, airflow.cfg) and
// Java-style properties (TorchServe config.properties). Each file type names the service it belongs to.
import { parseYamlText } from '../yaml/yaml.js';

export interface ConfigValue {
  value: string;
  line: number;
}

export type ConfigValues = Record<string, ConfigValue>;

export interface ConfigFileKind {
  service: string;
  read(text: string): ConfigValues;
}

/** Python literal on the right of `=`: quoted strings, True/False/None, numbers; anything else verbatim. */
function pyLiteral(raw: string): string {
  let v = raw.trim();
  const hash = v.search(/\s#/);
  if (hash !== -1 && !/^['"]/.test(v)) v = v.slice(0, hash).trim();
  const m = /^[rub]{0,2}(['"])(.*)\1$/i.exec(v);
  if (m) return m[2];
  if (v === 'True') return 'true';
  if (v === 'False') return 'false';
  return v;
}

export function readJupyterPy(text: string): ConfigValues {
  const out: ConfigValues = {};
  text.split('\n').forEach((line, i) => {
    const t = line.trim();
    if (!t.startsWith('c.')) return;
    const eq = t.indexOf('=');
    if (eq === -1 || t[eq + 1] === '=') return;
    const key = t.slice(2, eq).trim();
    if (!/^[A-Za-z_][\w.]*$/.test(key)) return;
    out[key] = { value: pyLiteral(t.slice(eq + 1)), line: i + 1 };
  });
  return out;
}

export function readJupyterJson(text: string): ConfigValues {
  const out: ConfigValues = {};
  const y = parseYamlText(text);
  const d = y.documents[0];
  const v = d?.value;
  if (!d || typeof v !== 'object' || v === null) return out;
  for (const [app, settings] of Object.entries(v as Record<string, unknown>)) {
    if (typeof settings !== 'object' || settings === null) continue;
    for (const [k, x] of Object.entries(settings as Record<string, unknown>)) {
      if (typeof x === 'object' && x !== null) continue;
      out[`${app}.${k}`] = { value: String(x), line: y.lineOf(d, [app, k]) };
    }
  }
  return out;
}

export function readIni(text: string): ConfigValues {
  const out: ConfigValues = {};
  let section = '';
  text.split('\n').forEach((line, i) => {
    const t = line.trim();
    if (!t || t.startsWith('#') || t.startsWith(';')) return;
    if (t.startsWith('[') && t.endsWith(']')) {
      section = t.slice(1, -1).trim();
      return;
    }
    const eq = t.search(/[=:]/);
    if (eq <= 0) return;
    out[`${section ? `${section}.` : ''}${t.slice(0, eq).trim()}`] = { value: t.slice(eq + 1).trim(), line: i + 1 };
  });
  return out;
}

export function readProperties(text: string): ConfigValues {
  const out: ConfigValues = {};
  text.split('\n').forEach((line, i) => {
    const t = line.trim();
    if (!t || t.startsWith('#') || t.startsWith('!')) return;
    const eq = t.search(/[=:]/);
    if (eq <= 0) return;
    out[t.slice(0, eq).trim()] = { value: t.slice(eq + 1).trim(), line: i + 1 };
  });
  return out;
}

const TORCHSERVE_KEYS = ['inference_address', 'management_address', 'model_store', 'load_models', 'enable_model_api', 'disable_token_authorization', 'allowed_urls'];

/** Which service a config file (or ConfigMap key) belongs to, by its name; undefined when unknown. */
export function configKind(name: string, text?: string): ConfigFileKind | undefined {
  const n = name.toLowerCase();
  if (/^jupyter(?:_server|_notebook|_lab)?_config\.py$/.test(n)) return { service: 'jupyter', read: readJupyterPy };
  if (/^jupyter(?:_server|_notebook|_lab)?_config\.json$/.test(n)) return { service: 'jupyter', read: readJupyterJson };
  if (n === 'jupyterhub_config.py') return { service: 'jupyterhub', read: readJupyterPy };
  if (n === 'airflow.cfg') return { service: 'airflow', read: readIni };
  if (n === 'basic_auth.ini' || (n.endsWith('.ini') && text !== undefined && /^[ \t]*\[mlflow\]/m.test(text))) return { service: 'mlflow', read: readIni };
  if (n === 'config.properties' && (text === undefined || TORCHSERVE_KEYS.some((k) => text.includes(k)))) return { service: 'torchserve', read: readProperties };
  return undefined;
}

export const CONFIG_FILE_NAME = /^(?:jupyter(?:_server|_notebook|_lab)?_config\.(?:py|json)|jupyterhub_config\.py|airflow\.cfg|[^/]*\.ini|config\.properties)$/i;
