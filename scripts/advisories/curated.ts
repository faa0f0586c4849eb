// Hand-curated advisory records for the ML stack, written from the public records: the GitHub
// advisory database (GHSA), the PyPA advisory database / OSV (PYSEC), NVD, and vendor bulletins
// (NVIDIA security bulletins, project security advisories). One row per flaw:
//   [id, aliases, package(s), ranges, summary, severity, extra references, note?]
// ranges: space-separated `introduced:fixed`; `introduced:<=last` for last_affected; `introduced:`
// when no release fixes it. severity: a CVSS v3 vector when the record publishes one, else the
// qualitative rating of the GHSA/NVD record (CRITICAL/HIGH/MODERATE/LOW).
// Every row links to NVD (CVE) and OSV; GHSA ids, vendor bulletins and write-ups are added where
// they are the primary source. Ecosystems: PyPI; Go (ollama); NVIDIA (container toolkit, GPU
// operator, Triton Inference Server — versions as the vendor numbers its releases).
import type { OsvRange, OsvRecord } from '../../src/advisories/osv.js';

export const CURATED_DATE = '2025-11-20';

type Pkg = string | [string, string];
export type Row = [id: string, aliases: string[], pkgs: Pkg | Pkg[], ranges: string, summary: string, severity: string, refs?: string[], note?: string];

const NV = 'https://www.nvidia.com/en-us/security/';

export const CURATED: Row[] = [
  // ---- MLflow -------------------------------------------------------------------------------
  ['CVE-2023-1177', [], 'mlflow', '0:2.2.1', 'MLflow local/remote file inclusion via model version source (path traversal, unauthenticated file read)', 'CRITICAL', ['https://huntr.dev/bounties/1fe8f21a-c438-4cba-9add-e8a5dab94e28']],
  ['CVE-2023-1176', [], 'mlflow', '0:2.2.2', 'MLflow absolute path traversal lets an attacker check for and read files on the tracking server', 'LOW', []],
  ['CVE-2023-2780', [], 'mlflow', '0:2.3.1', 'MLflow path traversal (bypass of the CVE-2023-1177 fix) allows reading arbitrary files', 'CRITICAL', ['https://huntr.dev/bounties/b12b0073-0bb0-4bd1-8fc2-ec7f17fd7689', 'https://github.com/mlflow/mlflow/commit/fae77a525dd908c56d6204a4cef1c1c75b4e9857']],
  ['CVE-2023-2356', [], 'mlflow', '0:2.3.1', 'MLflow relative path traversal in artifact handling', 'HIGH', []],
  ['CVE-2023-30172', [], 'mlflow', '0:2.0.0', 'MLflow directory traversal in /get-artifact via the path parameter', 'HIGH', []],
  ['CVE-2023-6831', [], 'mlflow', '0:2.9.2', "MLflow path traversal ('\\..\\filename') lets an authenticated user delete or overwrite arbitrary files", 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:N/I:H/A:H', ['https://huntr.com/bounties/0acdd745-0167-4912-9d5c-02035fe5b314', 'https://github.com/mlflow/mlflow/commit/1da75dfcecd4d169e34809ade55748384e8af6c1']],
  ['PYSEC-2023-252', ['CVE-2023-6909'], 'mlflow', '0:2.9.2', "MLflow path traversal ('\\..\\filename') allows reading arbitrary files on the tracking server", 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', ['https://huntr.com/bounties/11209efb-0f84-482f-add0-587ea6b7e850', 'https://github.com/mlflow/mlflow/commit/1da75dfcecd4d169e34809ade55748384e8af6c1']],
  ['CVE-2023-6977', [], 'mlflow', '0:2.9.2', 'MLflow LFI/RFI via symlinks bypasses the CVE-2023-1177 and CVE-2023-2780 fixes: read arbitrary server files', 'HIGH', []],
  ['CVE-2023-6974', [], 'mlflow', '0:2.9.2', 'MLflow server-side request forgery in artifact handling', 'CRITICAL', []],
  ['CVE-2023-6975', [], 'mlflow', '0:2.9.2', 'MLflow command injection via crafted model/artifact parameters', 'CRITICAL', []],
  ['CVE-2023-6976', [], 'mlflow', '0:2.9.2', 'MLflow arbitrary file upload via path traversal in artifact upload', 'HIGH', []],
  ['PYSEC-0000-CVE-2024-27132', ['CVE-2024-27132'], 'mlflow', '0:2.10.0', 'MLflow recipe template XSS leads to client-side RCE when an untrusted recipe runs in Jupyter', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H', ['https://research.jfrog.com/vulnerabilities/mlflow-untrusted-recipe-xss-jfsa-2024-000631930/', 'https://github.com/mlflow/mlflow/pull/10873']],
  ['CVE-2024-27133', [], 'mlflow', '0:2.10.0', 'MLflow dataset table XSS leads to client-side RCE when an untrusted dataset is rendered in Jupyter', 'HIGH', []],

  // ---- Ray ----------------------------------------------------------------------------------
  ['CVE-2023-48022', [], 'ray', '0:', 'Ray Jobs API lets any network client submit jobs: unauthenticated remote code execution (ShadowRay)', 'CRITICAL', ['https://www.oligo.security/blog/shadowray-attack-ai-workloads-actively-exploited-in-the-wild', 'https://docs.ray.io/en/latest/ray-security/index.html'], 'Disputed by the vendor: Ray is designed to run only inside a trusted network and has no fixed release. Exploited in the wild (ShadowRay); never expose the dashboard/Jobs port.'],
  ['CVE-2023-6019', [], 'ray', '0:2.8.1', 'Ray dashboard command injection via the cpu_profile format parameter: unauthenticated RCE', 'CRITICAL', []],
  ['CVE-2023-6020', [], 'ray', '0:2.8.1', 'Ray dashboard local file inclusion via the /static/ path: unauthenticated file read', 'HIGH', []],
  ['CVE-2023-6021', [], 'ray', '0:2.8.1', 'Ray log API local file inclusion: unauthenticated read of arbitrary files', 'HIGH', []],
  ['CVE-2025-1979', [], 'ray', '0:2.43.0', 'Ray writes the Redis password into log files', 'MODERATE', []],

  // ---- PyTorch ------------------------------------------------------------------------------
  ['GHSA-53q9-r3pm-6pq6', ['CVE-2025-32434'], 'torch', '0:2.6.0', 'torch.load with weights_only=True still allows remote code execution from a crafted checkpoint', 'CRITICAL', []],
  ['CVE-2022-45907', [], 'torch', '0:1.13.1', 'torch.jit.annotations.parse_type_line uses eval: code injection from crafted type annotations', 'CRITICAL', []],
  ['CVE-2024-5480', [], 'torch', '0:2.2.2', 'torch.distributed.rpc runs arbitrary functions sent by RPC peers: remote code execution on the master node', 'CRITICAL', []],
  ['CVE-2024-31580', [], 'torch', '0:2.2.0', 'PyTorch heap buffer overflow in the mobile interpreter (runtime/vararg_functions.cpp)', 'HIGH', []],
  ['CVE-2024-31583', [], 'torch', '0:2.2.0', 'PyTorch use-after-free in the mobile interpreter (torch/csrc/jit/mobile/interpreter.cpp)', 'HIGH', []],
  ['CVE-2024-31584', [], 'torch', '0:2.2.0', 'PyTorch out-of-bounds read in the mobile flatbuffer loader', 'MODERATE', []],
  ['CVE-2024-48063', [], 'torch', '0:<=2.4.1', 'torch.distributed.rpc RemoteModule deserialization allows remote code execution', 'CRITICAL', [], 'Disputed by the vendor as intended behaviour of distributed RPC in a trusted network.'],

  // ---- TorchServe ---------------------------------------------------------------------------
  ['GHSA-8fxr-qfr9-p34w', ['CVE-2023-43654'], ['torchserve', 'torch-model-archiver'], '0.1.0:0.8.2', 'TorchServe default allowed_urls lets the management API fetch models from any URL: SSRF leading to RCE (ShellTorch)', 'CRITICAL', ['https://www.oligo.security/blog/shelltorch-explained-multiple-vulnerabilities-in-pytorch-model-server']],
  ['CVE-2022-1471', [], 'torchserve', '0.3.0:0.8.2', 'TorchServe bundles SnakeYAML vulnerable to CVE-2022-1471 (unsafe YAML deserialization → RCE via model config; ShellTorch chain)', 'CRITICAL', ['https://www.oligo.security/blog/shelltorch-explained-multiple-vulnerabilities-in-pytorch-model-server']],
  ['CVE-2023-48299', [], 'torchserve', '0:0.9.0', 'TorchServe Zip Slip: model archives can write files outside the model store on extraction', 'MODERATE', ['https://github.com/pytorch/serve/security/advisories']],
  ['CVE-2024-35198', [], 'torchserve', '0:0.11.0', 'TorchServe allowed_urls check can be bypassed with ".." in the model URL', 'HIGH', ['https://github.com/pytorch/serve/security/advisories']],
  ['CVE-2024-35199', [], 'torchserve', '0:0.11.0', 'TorchServe gRPC inference and management ports listen on all interfaces by default', 'HIGH', ['https://github.com/pytorch/serve/security/advisories']],

  // ---- Ollama (Go) --------------------------------------------------------------------------
  ['CVE-2024-37032', [], [['Go', 'github.com/ollama/ollama']], '0:0.1.34', 'Ollama does not validate model digests: path traversal on /api/pull leads to arbitrary file write and RCE (Probllama)', 'CRITICAL', ['https://www.wiz.io/blog/probllama-ollama-vulnerability-cve-2024-37032']],
  ['CVE-2024-28224', [], [['Go', 'github.com/ollama/ollama']], '0:0.1.29', 'Ollama DNS rebinding lets a web page reach the local API (read files, exfiltrate models)', 'HIGH', []],
  ['CVE-2024-39722', [], [['Go', 'github.com/ollama/ollama']], '0:0.1.46', 'Ollama /api/push path traversal discloses which files exist on the server', 'HIGH', ['https://www.oligo.security/blog/more-models-more-probllms']],
  ['CVE-2024-39720', [], [['Go', 'github.com/ollama/ollama']], '0:0.1.46', 'Ollama out-of-bounds read on a crafted GGUF model via /api/create crashes the server (DoS)', 'HIGH', ['https://www.oligo.security/blog/more-models-more-probllms']],
  ['CVE-2024-39721', [], [['Go', 'github.com/ollama/ollama']], '0:0.1.34', 'Ollama /api/create with a path such as /dev/random exhausts resources (DoS)', 'HIGH', ['https://www.oligo.security/blog/more-models-more-probllms']],
  ['CVE-2024-45436', [], [['Go', 'github.com/ollama/ollama']], '0:0.1.47', 'Ollama extractFromZipFile writes zip members outside the parent directory (Zip Slip)', 'HIGH', []],

  // ---- Gradio -------------------------------------------------------------------------------
  ['GHSA-6qm2-wpxq-7qh2', ['CVE-2023-51449'], 'gradio', '4.0.0:4.11.0', 'Gradio /file route path traversal lets anyone read files on a publicly shared app', 'HIGH', []],
  ['CVE-2023-34239', [], 'gradio', '0:3.34.0', 'Gradio arbitrary file read and open proxy through the /file and proxy routes', 'HIGH', []],
  ['CVE-2024-1561', [], 'gradio', '0:4.13.0', 'Gradio /component_server lets a remote attacker call internal methods and read arbitrary files', 'HIGH', []],
  ['CVE-2024-1727', [], 'gradio', '0:4.19.2', 'Gradio cross-site request forgery lets a malicious page upload files to a local Gradio app', 'MODERATE', []],
  ['CVE-2024-47167', [], 'gradio', '0:5.0.0', 'Gradio /queue/join server-side request forgery via user-supplied URLs', 'HIGH', ['https://github.com/gradio-app/gradio/security/advisories']],
  ['CVE-2024-47168', [], 'gradio', '0:5.0.0', 'Gradio enable_monitoring flag does not disable the monitoring dashboard (information disclosure)', 'MODERATE', ['https://github.com/gradio-app/gradio/security/advisories']],
  ['CVE-2024-47084', [], 'gradio', '0:5.0.0', 'Gradio CORS origin validation bypass when requests carry cookies with a null origin', 'HIGH', ['https://github.com/gradio-app/gradio/security/advisories']],

  // ---- Keras / TensorFlow -------------------------------------------------------------------
  ['CVE-2024-3660', [], 'keras', '0:2.13.1', 'Keras Lambda layers in a loaded model run arbitrary code (code injection when loading untrusted models)', 'CRITICAL', ['https://kb.cert.org/vuls/id/253266']],
  ['CVE-2025-1550', [], 'keras', '3.0.0:3.9.0', 'Keras Model.load_model runs arbitrary code from a crafted config.json even with safe_mode=True', 'CRITICAL', []],
  ['CVE-2025-8747', [], 'keras', '3.0.0:3.11.0', 'Keras safe_mode bypass: a crafted .keras archive calls keras.utils.get_file to overwrite files', 'HIGH', []],
  ['CVE-2024-55459', [], 'keras', '0:3.8.0', 'Keras get_file with untar can write files outside the target directory', 'MODERATE', []],
  ['CVE-2021-37678', [], ['tensorflow', 'tensorflow-cpu', 'tensorflow-gpu'], '0:2.3.4 2.4.0:2.4.3 2.5.0:2.5.1', 'TensorFlow/Keras model_from_yaml uses yaml.unsafe_load: arbitrary code execution from a model config', 'HIGH', []],

  // ---- Transformers / Hugging Face ------------------------------------------------------------
  ['CVE-2023-6730', [], 'transformers', '0:4.36.0', 'transformers RagRetriever deserializes untrusted data (pickle) from a downloaded index: code execution', 'HIGH', []],
  ['CVE-2023-7018', [], 'transformers', '0:4.36.0', 'transformers TransfoXLTokenizer loads a pickled vocabulary: code execution from a malicious repository', 'HIGH', []],
  ['CVE-2024-3568', [], 'transformers', '0:4.38.0', 'transformers TFAutoModel/Trainer checkpoint loading deserializes pickled RNG state: code execution', 'HIGH', []],
  ['CVE-2024-11392', [], 'transformers', '0:4.48.0', 'transformers MobileViTV2 configuration deserialization: code execution from a crafted config', 'HIGH', []],
  ['CVE-2024-11393', [], 'transformers', '0:4.48.0', 'transformers MaskFormer model deserialization: code execution from a crafted model file', 'HIGH', []],
  ['CVE-2024-11394', [], 'transformers', '0:4.48.0', 'transformers Trax model deserialization: code execution from a crafted model file', 'HIGH', []],

  // ---- llama-cpp-python, vLLM, BentoML --------------------------------------------------------
  ['GHSA-56xg-wfcc-g829', ['CVE-2024-34359'], 'llama-cpp-python', '0.2.30:0.2.72', 'llama-cpp-python renders the GGUF chat template with an unsandboxed Jinja2 environment: server-side template injection → RCE', 'CRITICAL', []],
  ['CVE-2025-24357', [], 'vllm', '0:0.7.0', 'vLLM hf_model_weights_iterator loads checkpoints with torch.load(weights_only=False): code execution from a malicious model', 'HIGH', []],
  ['CVE-2025-29783', [], 'vllm', '0.6.5:0.8.0', 'vLLM Mooncake integration unpickles data received over ZMQ/TCP: remote code execution', 'CRITICAL', []],
  ['CVE-2025-32444', [], 'vllm', '0.6.5:0.8.5', 'vLLM Mooncake integration binds pickle-based ZMQ sockets on all interfaces: remote code execution', 'CRITICAL', []],
  ['CVE-2025-47277', [], 'vllm', '0.6.5:0.8.5', 'vLLM PyNcclPipe KV-cache transfer deserializes untrusted pickles from the network: remote code execution', 'CRITICAL', []],
  ['CVE-2024-2912', [], 'bentoml', '0:1.2.5', 'BentoML deserializes untrusted request bodies (pickle): unauthenticated remote code execution', 'CRITICAL', []],
  ['CVE-2025-27520', [], 'bentoml', '1.3.4:1.4.3', 'BentoML serde deserializes untrusted multipart data: unauthenticated remote code execution', 'CRITICAL', []],
  ['CVE-2025-32375', [], 'bentoml', '0:1.4.8', 'BentoML runner server deserializes pickled request data: remote code execution', 'CRITICAL', []],

  // ---- LangChain, LlamaIndex -----------------------------------------------------------------
  ['CVE-2023-46229', [], 'langchain', '0:0.0.317', 'LangChain RecursiveUrlLoader follows links to internal hosts: server-side request forgery', 'HIGH', []],
  ['CVE-2024-3571', [], 'langchain', '0:0.0.353', 'LangChain LocalFileStore path traversal: read/write files outside the store root', 'HIGH', []],
  ['CVE-2023-44467', [], 'langchain-experimental', '0:0.0.306', 'langchain-experimental PALChain code-execution guard bypass (__import__): arbitrary code execution via prompt injection', 'CRITICAL', []],
  ['CVE-2025-68664', [], 'langchain-core', '0:0.3.81 1.0.0:1.2.5', 'langchain-core serialization injection: dumps/loads let crafted "lc" objects instantiate classes and leak secrets (LangGrinch)', 'CRITICAL', []],
  ['CVE-2024-3098', [], 'llama-index-core', '0:0.10.24', 'LlamaIndex safe_eval check in exec_utils can be bypassed: arbitrary code execution from query input', 'CRITICAL', []],
  ['CVE-2024-4181', [], 'llama-index', '0:0.10.13', 'LlamaIndex RunGptLLM evaluates server responses with eval: code execution from a malicious LLM endpoint', 'CRITICAL', []],

  // ---- Jupyter --------------------------------------------------------------------------------
  ['CVE-2023-39968', [], 'jupyter-server', '0:2.7.2', 'Jupyter Server open redirect on the login page', 'MODERATE', []],
  ['CVE-2023-40170', [], 'jupyter-server', '0:2.7.2', 'Jupyter Server cross-site inclusion (XSSI) of files', 'MODERATE', []],
  ['CVE-2023-49080', [], 'jupyter-server', '0:2.11.2', 'Jupyter Server leaks tracebacks with server details to authenticated users on errors', 'MODERATE', []],
  ['CVE-2024-35178', [], 'jupyter-server', '0:2.14.1', 'Jupyter Server on Windows leaks the user NTLM hash via crafted UNC paths', 'MODERATE', []],
  ['CVE-2022-24757', [], 'jupyter-server', '0:1.15.4', 'Jupyter Server logs the authentication token in plain text on errors', 'HIGH', []],
  ['CVE-2024-22421', [], ['jupyterlab'], '0:3.6.7 4.0.0:4.0.11', 'JupyterLab/Notebook: a malicious notebook or extension can make the user follow a link that exposes the auth token and XSRF token (XSS leading to RCE)', 'HIGH', []],
  ['CVE-2024-22421', [], ['notebook'], '7.0.0:7.0.7', 'JupyterLab/Notebook: a malicious notebook or extension can make the user follow a link that exposes the auth token and XSRF token (XSS leading to RCE)', 'HIGH', []],
  ['CVE-2024-43805', [], ['jupyterlab'], '0:3.6.8 4.0.0:4.2.5', 'JupyterLab/Notebook HTML injection in Markdown preview and debugger views leads to DOM clobbering and XSS', 'HIGH', []],
  ['CVE-2024-43805', [], ['notebook'], '7.0.0:7.2.2', 'JupyterLab/Notebook HTML injection in Markdown preview and debugger views leads to DOM clobbering and XSS', 'HIGH', []],
  ['CVE-2022-24758', [], 'notebook', '0:6.4.9', 'Jupyter Notebook logs the authentication token in plain text on errors', 'MODERATE', []],
  ['CVE-2021-32862', [], 'nbconvert', '0:6.5.1', 'nbconvert HTML export does not escape notebook content: multiple stored XSS issues', 'HIGH', []],
  ['CVE-2023-24816', [], 'ipython', '0:8.10.0', 'IPython set_term_title on Windows allows command injection through crafted titles', 'HIGH', []],
  ['CVE-2022-21699', [], 'ipython', '0:5.11 6.0.0:7.16.3 7.17.0:7.31.1 8.0.0:8.0.1', 'IPython runs code from a profile in the current working directory (execution with unnecessary privileges between users)', 'HIGH', []],

  // ---- Airflow -------------------------------------------------------------------------------
  ['CVE-2020-11978', [], 'apache-airflow', '0:1.10.11', 'Airflow example DAG example_trigger_target_dag allows remote code execution for users who can trigger DAGs', 'HIGH', []],
  ['CVE-2020-13927', [], 'apache-airflow', '0:1.10.11', 'Airflow experimental REST API accepts requests without authentication by default', 'CRITICAL', []],
  ['CVE-2022-40127', [], 'apache-airflow', '0:2.4.0', 'Airflow example_bash_operator DAG allows command injection via the run_id parameter', 'HIGH', []],
  ['CVE-2024-39877', [], 'apache-airflow', '2.4.0:2.9.3', 'Airflow DAG doc_md is rendered with Jinja in the scheduler: DAG authors can execute code', 'HIGH', []],
  ['CVE-2024-45034', [], 'apache-airflow', '0:2.10.1', 'Airflow lets DAG authors run arbitrary code in the scheduler context', 'HIGH', []],

  // ---- Data and numeric libraries --------------------------------------------------------------
  ['CVE-2019-6446', [], 'numpy', '0:1.16.3', 'numpy.load allowed pickles by default (allow_pickle=True): code execution from a crafted .npy/.npz', 'CRITICAL', [], 'Disputed by NumPy as an unsafe-by-design API; 1.16.3 changed the default to allow_pickle=False.'],
  ['CVE-2021-33430', [], 'numpy', '0:1.21.0', 'numpy buffer overflow in PyArray_NewFromDescr_int with many dimensions', 'MODERATE', [], 'Disputed by NumPy (requires an API call with attacker-chosen dimensions).'],
  ['CVE-2021-34141', [], 'numpy', '0:1.22.0', 'numpy incomplete string comparison in numpy.core (crash on crafted input)', 'MODERATE', []],
  ['CVE-2023-50447', [], 'pillow', '0:10.2.0', 'Pillow ImageMath.eval lets a crafted environment argument execute arbitrary code', 'HIGH', []],
  ['CVE-2022-22817', [], 'pillow', '0:9.0.0', 'Pillow ImageMath.eval evaluates arbitrary expressions', 'CRITICAL', []],
  ['CVE-2023-44271', [], 'pillow', '0:10.0.0', 'Pillow ImageFont with long text lines: uncontrolled memory use (DoS)', 'HIGH', []],
  ['CVE-2023-4863', [], 'pillow', '0:10.0.1', 'Pillow bundled libwebp heap buffer overflow on crafted WebP images', 'HIGH', []],
  ['CVE-2024-28219', [], 'pillow', '0:10.3.0', 'Pillow buffer overflow in _imagingcms.c (strcpy of colour profile names)', 'MODERATE', []],
  ['CVE-2024-5206', [], 'scikit-learn', '0:1.5.0', 'scikit-learn TfidfVectorizer stores all training tokens in stop_words_: sensitive data leaks into pickled models', 'MODERATE', []],
  ['CVE-2022-21797', [], 'joblib', '0:1.2.0', 'joblib Parallel pre_dispatch is evaluated with eval: code execution from untrusted input', 'CRITICAL', []],
  ['CVE-2024-34997', [], 'joblib', '0:<=1.4.2', 'joblib NumpyArrayWrapper.read_array unpickles data: code execution from crafted files', 'CRITICAL', [], 'Disputed by the maintainers: joblib files are pickles and must only be loaded from trusted sources.'],
  ['CVE-2021-42343', [], 'distributed', '0:2021.10.0', 'Dask distributed LocalCluster listens on all interfaces by default: remote code execution by anyone who can reach it', 'CRITICAL', []],

  // ---- ONNX, Streamlit -----------------------------------------------------------------------------
  ['CVE-2024-27318', [], 'onnx', '0:1.16.0', 'ONNX external_data path check bypass (CVE-2022-25882 fix): read files outside the model directory', 'HIGH', []],
  ['CVE-2024-27319', [], 'onnx', '0:1.16.0', 'ONNX out-of-bounds read in the ONNX_ASSERT/ONNX_ASSERTM error paths', 'MODERATE', []],
  ['CVE-2022-25882', [], 'onnx', '0:1.13.0', 'ONNX external_data directory traversal: a model reads arbitrary files on load', 'HIGH', []],
  ['CVE-2024-5187', [], 'onnx', '0:1.17.0', 'ONNX download_model_with_test_data extracts tar members outside the target (arbitrary file overwrite)', 'HIGH', []],
  ['CVE-2022-35918', [], 'streamlit', '0:1.11.1', 'Streamlit custom component path traversal lets remote users read server files', 'HIGH', []],
  ['CVE-2024-42474', [], 'streamlit', '0:1.37.0', 'Streamlit static file sharing path traversal on Windows leaks NTLM hashes', 'MODERATE', []],

  // ---- NVIDIA container toolkit and GPU operator -----------------------------------------------------
  ['CVE-2024-0132', [], [['NVIDIA', 'nvidia-container-toolkit']], '0:1.16.2', 'NVIDIA Container Toolkit TOCTOU: a crafted container image escapes to the host (container escape)', 'CRITICAL', [NV, 'https://www.wiz.io/blog/wiz-research-critical-nvidia-ai-vulnerability']],
  ['CVE-2024-0132', [], [['NVIDIA', 'gpu-operator']], '0:24.6.2', 'NVIDIA GPU Operator ships a Container Toolkit with a TOCTOU container escape (CVE-2024-0132)', 'CRITICAL', [NV]],
  ['CVE-2024-0133', [], [['NVIDIA', 'nvidia-container-toolkit']], '0:1.16.2', 'NVIDIA Container Toolkit: a crafted image can create empty files or directories on the host (data tampering)', 'MODERATE', [NV]],
  ['CVE-2025-23359', [], [['NVIDIA', 'nvidia-container-toolkit']], '0:1.17.4', 'NVIDIA Container Toolkit TOCTOU (bypass of the CVE-2024-0132 fix): container escape to the host', 'HIGH', [NV]],
  ['CVE-2025-23359', [], [['NVIDIA', 'gpu-operator']], '0:24.9.2', 'NVIDIA GPU Operator ships a Container Toolkit with a TOCTOU container escape (CVE-2025-23359)', 'HIGH', [NV]],
  ['CVE-2025-23266', [], [['NVIDIA', 'nvidia-container-toolkit']], '0:1.17.8', 'NVIDIA Container Toolkit createContainer hook honours LD_PRELOAD from the image: container escape to root on the host (NVIDIAScape)', 'CRITICAL', [NV]],
  ['CVE-2025-23266', [], [['NVIDIA', 'gpu-operator']], '0:25.3.1', 'NVIDIA GPU Operator ships a Container Toolkit vulnerable to NVIDIAScape (CVE-2025-23266)', 'CRITICAL', [NV]],
  ['CVE-2025-23267', [], [['NVIDIA', 'nvidia-container-toolkit']], '0:1.17.8', 'NVIDIA Container Toolkit update-ldcache hook follows links in the image: data tampering / DoS on the host', 'HIGH', [NV]],

  // ---- NVIDIA Triton Inference Server (release numbers YY.MM, as the nvcr.io tags) ---------------------
  ['CVE-2025-23319', [], [['NVIDIA', 'triton-inference-server']], '0:25.07', 'Triton Inference Server Python backend out-of-bounds write; chained with CVE-2025-23320/23334 gives unauthenticated RCE', 'HIGH', [NV]],
  ['CVE-2025-23320', [], [['NVIDIA', 'triton-inference-server']], '0:25.07', 'Triton Inference Server Python backend: oversized request exceeds the shared memory limit and leaks the internal shared-memory name', 'HIGH', [NV]],
  ['CVE-2025-23334', [], [['NVIDIA', 'triton-inference-server']], '0:25.07', 'Triton Inference Server Python backend out-of-bounds read via crafted requests', 'MODERATE', [NV]],
  ['CVE-2025-23310', [], [['NVIDIA', 'triton-inference-server']], '0:25.07', 'Triton Inference Server stack buffer overflow on crafted chunked HTTP input: RCE / DoS', 'CRITICAL', [NV]],
  ['CVE-2025-23311', [], [['NVIDIA', 'triton-inference-server']], '0:25.07', 'Triton Inference Server stack overflow on crafted HTTP requests: RCE / DoS', 'CRITICAL', [NV]],
];

const QUALITATIVE = new Set(['CRITICAL', 'HIGH', 'MODERATE', 'LOW']);

function events(range: string): OsvRange {
  const [introduced, end] = range.split(':');
  const ev: OsvRange['events'] = [{ introduced }];
  if (end?.startsWith('<=')) ev.push({ last_affected: end.slice(2) });
  else if (end) ev.push({ fixed: end });
  return { type: 'ECOSYSTEM', events: ev };
}

function pkgOf(p: Pkg): { ecosystem: string; name: string; purl?: string } {
  if (Array.isArray(p)) return { ecosystem: p[0], name: p[1], ...(p[0] === 'Go' ? { purl: `pkg:golang/${p[1]}` } : {}) };
  return { ecosystem: 'PyPI', name: p, purl: `pkg:pypi/${p}` };
}

/** Expands a row to an OSV record. */
export function toOsv(row: Row): OsvRecord {
  const [id, aliases, pkgs, ranges, summary, severity, refs = [], note] = row;
  const cves = [id, ...aliases].filter((a) => a.startsWith('CVE-'));
  const ghsas = [id, ...aliases].filter((a) => a.startsWith('GHSA-'));
  const references = [
    ...cves.map((c) => ({ type: 'ADVISORY', url: `https://nvd.nist.gov/vuln/detail/${c}` })),
    ...ghsas.map((g) => ({ type: 'ADVISORY', url: `https://github.com/advisories/${g}` })),
    { type: 'WEB', url: `https://osv.dev/vulnerability/${id}` },
    ...refs.map((url) => ({ type: 'WEB', url })),
  ];
  const list: Pkg[] = typeof pkgs === 'string' ? [pkgs] : (pkgs as Pkg[]);
  return {
    schema_version: '1.6.0',
    id,
    modified: `${CURATED_DATE}T00:00:00Z`,
    ...(aliases.length ? { aliases } : {}),
    summary,
    ...(QUALITATIVE.has(severity) ? {} : { severity: [{ type: 'CVSS_V3', score: severity }] }),
    affected: list.map((p) => ({ package: pkgOf(p), ranges: ranges.split(' ').map(events) })),
    references,
    database_specific: { ...(QUALITATIVE.has(severity) ? { severity } : {}), ...(note ? { note } : {}), source: 'mlwarden-curated' },
  };
}

/** All curated rows as OSV records; rows sharing an id (one flaw, several packages) become one record. */
export function curatedRecords(): OsvRecord[] {
  const byId = new Map<string, OsvRecord>();
  for (const row of CURATED) {
    const r = toOsv(row);
    const prev = byId.get(r.id);
    if (!prev) byId.set(r.id, r);
    else {
      prev.affected!.push(...(r.affected ?? []));
      for (const ref of r.references ?? []) if (!prev.references!.some((x) => x.url === ref.url)) prev.references!.push(ref);
    }
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}
