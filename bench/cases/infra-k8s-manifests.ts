// Kubernetes / ML-platform scanning: 10,000 manifests (workloads, ML custom resources, Services,
// ConfigMaps, compose files). Each file is parsed once (YAML -> k8s model -> ML sites) and shared by
// every k8s/* and platform/* rule. Reports files/s for the whole scan and p95 latency per file.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchCase } from '../harness.js';

const FILES = 10_000;
const SAMPLE = 500;

const TEMPLATES: Array<(i: number) => [string, string]> = [
  (i) => [`ray-${i}.yaml`, `apiVersion: ray.io/v1\nkind: RayCluster\nmetadata: {name: ray-${i}, namespace: team-${i % 20}}\nspec:\n  headGroupSpec:\n    serviceType: ${i % 3 ? 'ClusterIP' : 'LoadBalancer'}\n    rayStartParams: {dashboard-host: 0.0.0.0}\n    template:\n      spec:\n        containers:\n          - name: head\n            image: rayproject/ray:2.9.${i % 5}\n  workerGroupSpecs:\n    - groupName: gpu\n      rayStartParams: {num-gpus: "1"}\n      template:\n        spec:\n          containers:\n            - name: worker\n              image: rayproject/ray:2.9.0-gpu\n              securityContext: {privileged: ${i % 2 === 0}}\n              resources: {limits: {nvidia.com/gpu: 1}}\n`],
  (i) => [`deploy-${i}.yaml`, `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: mlflow-${i}, namespace: ml}\nspec:\n  template:\n    metadata:\n      labels: {app: mlflow-${i}}\n    spec:\n      containers:\n        - name: mlflow\n          image: ghcr.io/mlflow/mlflow:v2.${i % 20}.0\n          command: ["sh", "-c", "mlflow server --host 0.0.0.0 --port 5000"]\n          env:\n            - {name: MLFLOW_TRACKING_PASSWORD, value: secret-${i}}\n          ports: [{containerPort: 5000}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: mlflow-${i}, namespace: ml}\nspec:\n  type: ${i % 2 ? 'NodePort' : 'ClusterIP'}\n  selector: {app: mlflow-${i}}\n  ports: [{port: 5000}]\n`],
  (i) => [`notebook-${i}.yaml`, `apiVersion: kubeflow.org/v1\nkind: Notebook\nmetadata: {name: nb-${i}, namespace: user-${i % 50}}\nspec:\n  template:\n    spec:\n      containers:\n        - name: nb\n          image: quay.io/jupyter/scipy-notebook:2024-0${(i % 9) + 1}-01\n          args: ["start-notebook.py", "--ServerApp.token=${i % 4 ? 'abc' : "''"}"]\n`],
  (i) => [`pytorchjob-${i}.yaml`, `apiVersion: kubeflow.org/v1\nkind: PyTorchJob\nmetadata: {name: pt-${i}}\nspec:\n  pytorchReplicaSpecs:\n    Master:\n      template:\n        spec:\n          containers:\n            - name: pytorch\n              image: nvcr.io/nvidia/pytorch:24.0${i % 9}-py3\n              env:\n                - {name: HF_TOKEN, value: hf_bench${i}xxxxxxxxxxxxxxxxxxxxxxxx}\n              resources: {requests: {nvidia.com/gpu: 4}}\n    Worker:\n      replicas: 3\n      template:\n        spec:\n          hostIPC: true\n          containers:\n            - name: pytorch\n              image: nvcr.io/nvidia/pytorch:24.05-py3\n              resources: {limits: {nvidia.com/gpu: 8}}\n`],
  (i) => [`isvc-${i}.yaml`, `apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata: {name: isvc-${i}}\nspec:\n  predictor:\n    model:\n      modelFormat: {name: huggingface}\n      args: ["--model_name=m${i}", "--trust-remote-code"]\n      resources: {limits: {nvidia.com/gpu: 1}}\n`],
  (i) => [`compose-${i}/docker-compose.yml`, `x-env: &env\n  OLLAMA_HOST: 0.0.0.0\nservices:\n  ollama:\n    image: ollama/ollama:0.3.${i % 10}\n    environment:\n      <<: *env\n    ports: ["11434:11434"]\n  vllm:\n    image: vllm/vllm-openai:v0.6.3\n    command: --model m${i} --trust-remote-code\n    ports: ["127.0.0.1:8000:8000"]\n`],
  (i) => [`configmap-${i}.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ts-${i}}\ndata:\n  config.properties: |\n    management_address=http://0.0.0.0:8081\n    enable_model_api=${i % 2 === 0}\n`],
];

function listFiles(root: string): string[] {
  return (readdirSync(root, { recursive: true }) as string[]).filter((f) => /\.ya?ml$/.test(f)).sort();
}

const c: BenchCase = {
  name: 'infra-k8s: 10k manifests',
  scanner: 'k8s',
  async setup(dir) {
    const root = join(dir, 'manifests');
    let bytes = 0;
    if (!existsSync(root)) {
      for (let i = 0; i < FILES; i++) {
        const [name, body] = TEMPLATES[i % TEMPLATES.length](i);
        const p = join(root, `d${i % 100}`, name);
        mkdirSync(join(p, '..'), { recursive: true });
        writeFileSync(p, body);
      }
    }
    for (let i = 0; i < FILES; i++) bytes += TEMPLATES[i % TEMPLATES.length](i)[1].length;
    return { paths: ['manifests'], bytes, files: FILES };
  },
  async run(input, dir) {
    const { scanPaths } = await import('../../src/scan/scan-paths.js');
    const t0 = process.hrtime.bigint();
    const report = await scanPaths(input.paths, { cwd: dir, gitignore: false });
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    // Per-file latency on a sample, one file per scan (rules are loaded once and cached).
    const files = listFiles(join(dir, 'manifests'));
    const times: number[] = [];
    for (let i = 0; i < SAMPLE; i++) {
      const f = files[Math.floor((i * files.length) / SAMPLE)];
      const s = process.hrtime.bigint();
      await scanPaths([join('manifests', f)], { cwd: dir, gitignore: false });
      times.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
    times.sort((a, b) => a - b);
    return {
      findings: report.findings.length,
      scan_files_per_s: Math.round(FILES / secs),
      p50_ms_per_file: times[Math.floor(times.length * 0.5)].toFixed(2),
      p95_ms_per_file: times[Math.floor(times.length * 0.95)].toFixed(2),
    };
  },
};
export default c;
