// How `mlflow server` behaves given its settings, for the MLflow rules that need it: whether it
// listens beyond loopback, serves the artifact proxy, or serves only the proxy.
import type { FoundSetting } from '../../knowledge/ml-services/catalog.js';
import { loopbackHost, truthy } from '../../knowledge/ml-services/values.js';
import type { SettingQuery } from './support.js';

/** `mlflow server` listens beyond loopback (its default host is 127.0.0.1). */
export function mlflowListens(q: SettingQuery): boolean {
  const h = q.get('host')?.value.trim();
  return h !== undefined && h !== '' && !loopbackHost(h);
}

/** Artifact proxying is on by default since MLflow 2.0; `--no-serve-artifacts` or MLFLOW_SERVE_ARTIFACTS=false turns it off (the flag wins over the env). */
export function mlflowServesArtifacts(q: SettingQuery): boolean {
  if (q.get('serveArtifacts')) return true;
  if (q.get('noServeArtifacts')) return false;
  const env = q.get('serveArtifactsEnv');
  return !(env && /^(false|0|no|off|f|n)$/i.test(env.value.trim()));
}

/** `--artifacts-only` (or MLFLOW_ARTIFACTS_ONLY): only the artifact proxy endpoints are served. */
export function mlflowArtifactsOnly(q: SettingQuery): FoundSetting | undefined {
  const f = q.get('artifactsOnly');
  if (!f) return undefined;
  return f.where.kind === 'arg' || truthy(f.value) ? f : undefined;
}
