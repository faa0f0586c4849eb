// Which ENV/ARG names hold credentials. Exact ML-platform names first (they carry the most weight in
// ML images), then name shapes. Exceptions are public values that merely look like keys (the GPG key
// fingerprints official images set, key ids, paths to key files).
export const SECRET_NAMES = new Set([
  'HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN', 'HUGGINGFACE_TOKEN', 'HF_API_TOKEN', 'WANDB_API_KEY', 'OPENAI_API_KEY', 'ANTHROPIC_API_KEY',
  'COHERE_API_KEY', 'REPLICATE_API_TOKEN', 'NGC_API_KEY', 'NVIDIA_API_KEY', 'COMET_API_KEY', 'NEPTUNE_API_TOKEN', 'CLEARML_API_SECRET_KEY',
  'MLFLOW_TRACKING_PASSWORD', 'MLFLOW_TRACKING_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AZURE_CLIENT_SECRET',
  'GOOGLE_API_KEY', 'GITHUB_TOKEN', 'GH_TOKEN', 'GITLAB_TOKEN', 'PYPI_TOKEN', 'PIP_INDEX_URL_PASSWORD', 'KAGGLE_KEY', 'VLLM_API_KEY',
  'AIRFLOW__CORE__FERNET_KEY', 'AIRFLOW__WEBSERVER__SECRET_KEY', 'JUPYTER_TOKEN', 'RAY_AUTH_TOKEN',
]);

/** Name shapes (upper-cased name tested): *_TOKEN, *_API_KEY, *_SECRET*, *PASSWORD*, *PASSWD*, *_KEY. */
export const SECRET_SHAPES: RegExp[] = [/(?:^|_)TOKEN$/, /(?:^|_)API_?KEY$/, /(?:^|_)SECRET(?:_|$)/, /PASSW(?:OR)?D/, /(?:^|_)(?:PRIVATE|ACCESS|AUTH|SECRET)_KEY$/, /_KEY$/];

export const NOT_SECRET: RegExp[] = [
  /^GPG_KEYS?$/, // official python/node images: public key fingerprints
  /(?:_KEY_ID|_KEYID|_KEYRING|_KEYSERVER|PUBLIC_KEY|_KEY_(?:FILE|PATH|URL|NAME))$/,
  /(?:_FILE|_PATH|_DIR|_URL|_URI|_ENV|_VAR|_NAME|_LENGTH|_TTL)$/,
];

export function isSecretName(name: string): boolean {
  const n = name.toUpperCase();
  if (SECRET_NAMES.has(n)) return true;
  if (NOT_SECRET.some((re) => re.test(n))) return false;
  return SECRET_SHAPES.some((re) => re.test(n));
}

/** Values that are clearly not a credential: empty, a variable reference, a placeholder. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v === '' || v.startsWith('$')) return true;
  return /^(?:<[^>]*>|\*+|x+|changeme|change-me|none|null|nil|false|true|dummy|placeholder|your[-_a-z]*|todo|tbd|redacted|-)$/i.test(v);
}
