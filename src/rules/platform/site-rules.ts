// Every platform rule that judges the services of ML sites, for verdicts that combine them:
// platform/ml-api-exposed needs to know whether any rule found a service without authentication.
// test/infra-k8s/site-rules.test.ts checks that this list holds every such rule the registry loads.
import type { Analysis, Invocation } from '../../parsers/ml-services/analyze.js';
import { analyzeInvocation } from '../../parsers/ml-services/analyze.js';
import type { Site } from '../../parsers/ml-services/sites.js';
import type { ServiceIssue, SiteRule } from './support.js';
import airflowDefaultSecretKey from './airflow-default-secret-key.js';
import airflowEmptyFernetKey from './airflow-empty-fernet-key.js';
import airflowExposeConfig from './airflow-expose-config.js';
import airflowOpenAuthBackend from './airflow-open-auth-backend.js';
import gradioAllInterfaces from './gradio-all-interfaces.js';
import gradioShare from './gradio-share.js';
import jupyterAllInterfaces from './jupyter-all-interfaces.js';
import jupyterAllowRoot from './jupyter-allow-root.js';
import jupyterCorsWildcard from './jupyter-cors-wildcard.js';
import jupyterNoAuth from './jupyter-no-auth.js';
import jupyterXsrfDisabled from './jupyter-xsrf-disabled.js';
import jupyterhubAdminAccess from './jupyterhub-admin-access.js';
import jupyterhubAllowAll from './jupyterhub-allow-all.js';
import jupyterhubProxyNoHttps from './jupyterhub-proxy-no-https.js';
import jupyterhubSharedPassword from './jupyterhub-shared-password.js';
import jupyterhubSingleuserRoot from './jupyterhub-singleuser-root.js';
import kfpCustomVisualizations from './kfp-custom-visualizations.js';
import kfpSingleUser from './kfp-single-user.js';
import mlflowArtifactProxyNoAuth from './mlflow-artifact-proxy-no-auth.js';
import mlflowCorsWildcard from './mlflow-cors-wildcard.js';
import mlflowDefaultAdminPassword from './mlflow-default-admin-password.js';
import mlflowNoAuth from './mlflow-no-auth.js';
import ollamaAllInterfaces from './ollama-all-interfaces.js';
import ollamaOriginsWildcard from './ollama-origins-wildcard.js';
import rayDashboardAllInterfaces from './ray-dashboard-all-interfaces.js';
import rayTokenAuthOff from './ray-token-auth-off.js';
import torchserveAllowedUrlsBroad from './torchserve-allowed-urls-broad.js';
import torchserveManagementExposed from './torchserve-management-exposed.js';
import torchserveModelApiEnabled from './torchserve-model-api-enabled.js';
import torchserveTokenAuthDisabled from './torchserve-token-auth-disabled.js';
import tritonExplicitModelControl from './triton-explicit-model-control.js';
import tritonMetricsAllInterfaces from './triton-metrics-all-interfaces.js';
import tritonPollModelRepository from './triton-poll-model-repository.js';
import trustRemoteCode from './trust-remote-code.js';
import vllmNoApiKey from './vllm-no-api-key.js';

export const SITE_RULES: readonly SiteRule[] = [
  airflowDefaultSecretKey,
  airflowEmptyFernetKey,
  airflowExposeConfig,
  airflowOpenAuthBackend,
  gradioAllInterfaces,
  gradioShare,
  jupyterAllInterfaces,
  jupyterAllowRoot,
  jupyterCorsWildcard,
  jupyterNoAuth,
  jupyterXsrfDisabled,
  jupyterhubAdminAccess,
  jupyterhubAllowAll,
  jupyterhubProxyNoHttps,
  jupyterhubSharedPassword,
  jupyterhubSingleuserRoot,
  kfpCustomVisualizations,
  kfpSingleUser,
  mlflowArtifactProxyNoAuth,
  mlflowCorsWildcard,
  mlflowDefaultAdminPassword,
  mlflowNoAuth,
  ollamaAllInterfaces,
  ollamaOriginsWildcard,
  rayDashboardAllInterfaces,
  rayTokenAuthOff,
  torchserveAllowedUrlsBroad,
  torchserveManagementExposed,
  torchserveModelApiEnabled,
  torchserveTokenAuthDisabled,
  tritonExplicitModelControl,
  tritonMetricsAllInterfaces,
  tritonPollModelRepository,
  trustRemoteCode,
  vllmNoApiKey,
];

const MISSING_AUTH = new WeakMap<Analysis, Set<string>>();

/** Services of the analysis that some rule found without authentication (the service itself may have none: see its catalog `auth`). */
export function servicesMissingAuth(analysis: Analysis, kind?: Site['kind']): ReadonlySet<string> {
  let out = MISSING_AUTH.get(analysis);
  if (out) return out;
  out = new Set<string>();
  for (const r of SITE_RULES) for (const i of r.judge(analysis, kind)) if (i.auth) out.add(i.service);
  // A site's analysis belongs to one site (one kind): ml-api-exposed asks once in check and once to record joins.
  MISSING_AUTH.set(analysis, out);
  return out;
}

/** Every platform rule's issues on one invocation, with the rule id: what an argv / env / config amounts to. */
export function judgeInvocation(inv: Invocation): { analysis: Analysis; issues: Array<ServiceIssue & { rule: string }> } {
  const analysis = analyzeInvocation(inv);
  return { analysis, issues: SITE_RULES.flatMap((r) => r.judge(analysis).map((i) => ({ rule: r.meta.id, ...i }))) };
}
