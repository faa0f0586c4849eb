// Emulators of the ML services mlwarden probes: the same paths, status codes, JSON shapes, headers and
// authentication behaviour as the real services. Each has an open mode (the insecure default or
// misconfiguration) and a secured mode (the documented hardening). Every emulator names the source
// files it was checked against ("checked:"), and says what could not be checked ("unverified:").
// Source paths are in the services' public GitHub repositories (owner/repo path).
//
// One file per service, named like its fingerprint (src/knowledge/probe/<service>.ts); this index
// lets a test take them all (`import * as E`). jupyterlab.ts is JupyterLab on Jupyter Server, so it
// also stands for the jupyter-server fingerprint (test/probe/jupyter-real.test.ts runs the real one).
// The gRPC services (ray-gcs.ts, ray-client.ts) are served by grpc.ts.
export * from './mlflow.js';
export * from './ray.js';
export * from './torchserve.js';
export * from './torchserve-metrics.js';
export * from './triton.js';
export * from './triton-metrics.js';
export * from './ollama.js';
export * from './vllm.js';
export * from './openai-compatible.js';
export * from './tgi.js';
export * from './tf-serving.js';
export * from './kserve.js';
export * from './gradio.js';
export * from './streamlit.js';
export * from './kubeflow-dashboard.js';
export * from './kubeflow-pipelines.js';
export * from './airflow.js';
export * from './tensorboard.js';
export * from './comfyui.js';
export * from './prometheus.js';
export * from './dcgm-exporter.js';
export * from './kubelet.js';
export * from './kubernetes-api.js';
export * from './jupyterhub.js';
export * from './decoys.js';
export * from './jupyterlab.js';
