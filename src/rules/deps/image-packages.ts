// Which images are ML platform components, and which advisory package their tag versions. One line
// per image repository; `registry/repository` as parseImageRef normalises it (Docker Hub official
// images without `library/`). Tags: a leading `v` and any prefix listed are dropped, then the
// leading dotted version is read (`2.8.0-py310-gpu` → 2.8.0, `23.10-py3` → 23.10). Tags without a
// version (`latest`, `nightly`) are not matched: nothing can be said about them offline.

export interface ImagePackage {
  ecosystem: 'PyPI' | 'Go' | 'NVIDIA';
  name: string;
  /** Tag prefixes before the version (`slim-2.7.1`, `notebook-7.0.6`), tried in order. */
  prefixes?: string[];
}

export const IMAGE_PACKAGES: Record<string, ImagePackage> = {
  'ghcr.io/mlflow/mlflow': { ecosystem: 'PyPI', name: 'mlflow' },
  'docker.io/mlflow/mlflow': { ecosystem: 'PyPI', name: 'mlflow' },
  'docker.io/mlflow': { ecosystem: 'PyPI', name: 'mlflow' },
  'docker.io/bitnami/mlflow': { ecosystem: 'PyPI', name: 'mlflow' },
  'docker.io/rayproject/ray': { ecosystem: 'PyPI', name: 'ray' },
  'docker.io/rayproject/ray-ml': { ecosystem: 'PyPI', name: 'ray' },
  'docker.io/anyscale/ray': { ecosystem: 'PyPI', name: 'ray' },
  'docker.io/ollama/ollama': { ecosystem: 'Go', name: 'github.com/ollama/ollama' },
  'docker.io/pytorch/torchserve': { ecosystem: 'PyPI', name: 'torchserve' },
  'docker.io/pytorch/torchserve-kfs': { ecosystem: 'PyPI', name: 'torchserve' },
  'docker.io/pytorch/pytorch': { ecosystem: 'PyPI', name: 'torch' },
  'docker.io/vllm/vllm-openai': { ecosystem: 'PyPI', name: 'vllm' },
  'docker.io/tensorflow/tensorflow': { ecosystem: 'PyPI', name: 'tensorflow' },
  'docker.io/apache/airflow': { ecosystem: 'PyPI', name: 'apache-airflow', prefixes: ['slim-'] },
  'docker.io/jupyter/base-notebook': { ecosystem: 'PyPI', name: 'notebook', prefixes: ['notebook-'] },
  'quay.io/jupyter/base-notebook': { ecosystem: 'PyPI', name: 'notebook', prefixes: ['notebook-'] },
  'docker.io/gradio/gradio': { ecosystem: 'PyPI', name: 'gradio' },
  'nvcr.io/nvidia/tritonserver': { ecosystem: 'NVIDIA', name: 'triton-inference-server' },
  'nvcr.io/nvidia/k8s/container-toolkit': { ecosystem: 'NVIDIA', name: 'nvidia-container-toolkit' },
  'nvcr.io/nvidia/cloud-native/nvidia-container-toolkit': { ecosystem: 'NVIDIA', name: 'nvidia-container-toolkit' },
  'nvcr.io/nvidia/gpu-operator': { ecosystem: 'NVIDIA', name: 'gpu-operator' },
  'nvcr.io/nvidia/cloud-native/gpu-operator': { ecosystem: 'NVIDIA', name: 'gpu-operator' },
};

/** The version a tag names, or undefined (`latest`, `nightly`, a digest-only reference). */
export function tagVersion(tag: string | undefined, pkg: ImagePackage): string | undefined {
  if (!tag) return undefined;
  let t = tag;
  for (const p of pkg.prefixes ?? []) if (t.startsWith(p)) t = t.slice(p.length);
  if (t.startsWith('v') || t.startsWith('V')) t = t.slice(1);
  const m = /^[0-9]+(?:\.[0-9]+)*(?:(?:rc|a|b)[0-9]+)?/.exec(t);
  // A bare year-less number (`2`) is a floating major tag, not a release.
  if (!m || !m[0].includes('.')) return undefined;
  return m[0];
}
