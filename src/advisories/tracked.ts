// The packages whose advisories mlwarden carries: the ML platform stack (serving, training,
// notebooks, orchestration, LLM frameworks) and the libraries that load model files. `db update`
// keeps only records naming one of these, so the database stays small and offline-friendly.
// Adding a package is one line here, then `mlwarden db update --from <OSV export>`.

export const TRACKED_PACKAGES: Record<string, string[]> = {
  PyPI: [
    'mlflow', 'ray', 'torch', 'torchvision', 'torchaudio', 'transformers', 'tokenizers', 'keras', 'tensorflow', 'tensorflow-cpu',
    'tensorflow-gpu', 'jax', 'jaxlib', 'onnx', 'onnxruntime', 'onnxruntime-gpu', 'safetensors', 'diffusers', 'accelerate', 'peft', 'gradio',
    'gradio-client', 'streamlit', 'vllm', 'text-generation', 'bentoml', 'kserve', 'torchserve', 'torch-model-archiver', 'tritonclient',
    'jupyter-server', 'notebook', 'jupyterlab', 'jupyter-core', 'nbconvert', 'nbformat', 'ipython', 'ipykernel', 'apache-airflow', 'kfp',
    'langchain', 'langchain-core', 'langchain-community', 'langchain-experimental', 'langchain-text-splitters', 'llama-index',
    'llama-index-core', 'llama-cpp-python', 'huggingface-hub', 'datasets', 'wandb', 'dask', 'distributed', 'numpy', 'pillow',
    'scikit-learn', 'joblib', 'scipy', 'pandas', 'h5py', 'xgboost', 'lightgbm', 'sentence-transformers', 'optimum', 'triton',
    'deepspeed', 'lightning', 'pytorch-lightning', 'openai', 'litellm', 'chromadb', 'fickling', 'modelscope', 'mlflow-skinny',
  ],
  Go: ['github.com/ollama/ollama', 'github.com/NVIDIA/nvidia-container-toolkit', 'github.com/NVIDIA/gpu-operator', 'github.com/kserve/kserve', 'github.com/kubeflow/pipelines'],
  NVIDIA: ['triton-inference-server', 'nvidia-container-toolkit', 'gpu-operator'],
};

/** Packages that make a project an ML project: unpinned, they are reported in lock-less projects. */
export const ML_PACKAGES = new Set(TRACKED_PACKAGES.PyPI.filter((n) => !['numpy', 'pillow', 'scipy', 'pandas', 'h5py', 'openai', 'ipython', 'ipykernel', 'jupyter-core', 'nbformat'].includes(n)));

export function isTracked(ecosystem: string, name: string): boolean {
  const list = TRACKED_PACKAGES[ecosystem];
  if (!list) return false;
  const n = ecosystem === 'PyPI' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name.toLowerCase();
  return list.some((x) => x.toLowerCase() === n);
}
