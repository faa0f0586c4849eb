// Every service the probe knows, one fingerprint per file (nuclei's habit: one detection per file,
// data only). Adding a service is adding its file and a line here; the order is the order in which
// services are tried on an origin after those whose well-known port it is.
import { mlflow } from './mlflow.js';
import { ray } from './ray.js';
import { jupyterServer } from './jupyter-server.js';
import { jupyterlab } from './jupyterlab.js';
import { jupyterhub } from './jupyterhub.js';
import { torchserve } from './torchserve.js';
import { torchserveMetrics } from './torchserve-metrics.js';
import { triton } from './triton.js';
import { tritonMetrics } from './triton-metrics.js';
import { ollama } from './ollama.js';
import { vllm } from './vllm.js';
import { openaiCompatible } from './openai-compatible.js';
import { tgi } from './tgi.js';
import { tfServing } from './tf-serving.js';
import { kserve } from './kserve.js';
import { gradio } from './gradio.js';
import { streamlit } from './streamlit.js';
import { kubeflowDashboard } from './kubeflow-dashboard.js';
import { kubeflowPipelines } from './kubeflow-pipelines.js';
import { airflow } from './airflow.js';
import { tensorboard } from './tensorboard.js';
import { comfyui } from './comfyui.js';
import { prometheus } from './prometheus.js';
import { dcgmExporter } from './dcgm-exporter.js';
import { kubelet } from './kubelet.js';
import { kubernetesApi } from './kubernetes-api.js';
import { rayGcs } from './ray-gcs.js';
import { rayClient } from './ray-client.js';
import type { GrpcServiceFingerprint, ServiceFingerprint } from './schema.js';

export const SERVICES: ServiceFingerprint[] = [
  mlflow,
  ray,
  jupyterServer,
  jupyterlab,
  jupyterhub,
  torchserve,
  torchserveMetrics,
  triton,
  tritonMetrics,
  ollama,
  vllm,
  openaiCompatible,
  tgi,
  tfServing,
  kserve,
  gradio,
  streamlit,
  kubeflowDashboard,
  kubeflowPipelines,
  airflow,
  tensorboard,
  comfyui,
  prometheus,
  dcgmExporter,
  kubelet,
  kubernetesApi,
];

export const GRPC_SERVICES: GrpcServiceFingerprint[] = [
  rayGcs,
  rayClient,
];

/** Every well-known port, for a bare host. */
export function wellKnownPorts(services: ServiceFingerprint[] = SERVICES, grpc: GrpcServiceFingerprint[] = GRPC_SERVICES): number[] {
  return [...new Set([...services.flatMap((s) => s.ports), ...grpc.flatMap((s) => s.ports)])].sort((a, b) => a - b);
}
