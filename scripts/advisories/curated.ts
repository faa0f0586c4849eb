// Hand-curated advisory records for the ML stack. Every row was checked against a public record
// that a reviewer can re-read (the `src` column):
//   cve:    the CVE record in CVEProject/cvelistV5 (cves/YYYY/NNxxx/CVE-….json): the CNA's affected
//           versions and CVSS vector, or the CISA-ADP vector where the CNA published none ("adp");
//   pypa:   a file in pypa/advisory-database (vulns/<package>/….yaml).
// Where the records disagree or are vague, the row follows the record and says so in its note.
// Row: [id, aliases, package(s), ranges, summary, severity, src, extra references?, note?]
// ranges: space-separated `introduced:fixed`; `introduced:<=last` for last_affected (used where the
// record only says "up to and including X"); `introduced:` when no release fixes it.
// severity: the CVSS v3 vector of the record; for records that publish only a CVSS v4 vector,
// "<v4 vector> <RATING>" (the record's own rating); UNRATED where the record publishes no score
// (mlwarden then reports the finding as medium).
// Ecosystems: PyPI; Go (ollama); NVIDIA (container toolkit, GPU operator, Triton Inference Server —
// versions as the vendor numbers its releases).
// Verified 2026-11-26 (curation date) against the stored copies of those repositories.
import type { OsvRange, OsvRecord } from '../../src/advisories/osv.js';

export const CURATED_DATE = '2026-11-26';

type Pkg = string | [string, string];
export type Row = [id: string, aliases: string[], pkgs: Pkg | Pkg[], ranges: string, summary: string, severity: string, src: string, refs?: string[], note?: string];

const NV = (id: number) => `https://nvidia.custhelp.com/app/answers/detail/a_id/${id}`;
const GO: Pkg[] = [['Go', 'github.com/ollama/ollama']];
const TK: Pkg[] = [['NVIDIA', 'nvidia-container-toolkit']];
const OP: Pkg[] = [['NVIDIA', 'gpu-operator']];
const TRITON: Pkg[] = [['NVIDIA', 'triton-inference-server']];

export const CURATED: Row[] = [
  // ---- MLflow -------------------------------------------------------------------------------
  ['CVE-2023-1177', [], 'mlflow', '0:2.2.1', "MLflow path traversal ('\\..\\filename') in the tracking server lets remote users read files on the host", 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:L/A:N', 'cve', ['https://huntr.dev/bounties/1fe8f21a-c438-4cba-9add-e8a5dab94e28', 'https://github.com/mlflow/mlflow/pull/7891/commits/7162a50c654792c21f3e4a160eb1a0e6a34f6e6e']],
  ['CVE-2023-1176', [], 'mlflow', '0:2.2.2', 'MLflow absolute path traversal in the tracking server', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N', 'cve', ['https://huntr.dev/bounties/ae92f814-6a08-435c-8445-eec0ef4f1085', 'https://github.com/mlflow/mlflow/commit/63ef72aa4334a6473ce7f889573c92fcae0b3c0d']],
  ['CVE-2023-2780', [], 'mlflow', '0:2.3.1', "MLflow path traversal ('\\..\\filename') lets remote users read arbitrary files", 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cve', ['https://huntr.dev/bounties/b12b0073-0bb0-4bd1-8fc2-ec7f17fd7689', 'https://github.com/mlflow/mlflow/commit/fae77a525dd908c56d6204a4cef1c1c75b4e9857']],
  ['CVE-2023-2356', [], 'mlflow', '0:2.3.1', 'MLflow relative path traversal in the tracking server', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:L', 'cve', ['https://huntr.dev/bounties/7b5d130d-38eb-4133-8c7d-0dfc9a9d9896', 'https://github.com/mlflow/mlflow/commit/f73147496e05c09a8b83d95fb4f1bf86696c6342']],
  ['CVE-2023-30172', [], 'mlflow', '0:2.0.1', 'MLflow directory traversal in /get-artifact via the path parameter: read arbitrary files on the server', 'UNRATED', 'cve pypa:vulns/mlflow/PYSEC-0000-CVE-2023-30172.yaml', ['https://github.com/mlflow/mlflow/issues/7166']],
  ['CVE-2023-6831', ['PYSEC-2023-253'], 'mlflow', '0:2.9.2', "MLflow path traversal ('\\..\\filename') lets an authenticated user delete or overwrite files", 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:N/I:H/A:H', 'pypa:vulns/mlflow/PYSEC-2023-253.yaml', ['https://huntr.com/bounties/0acdd745-0167-4912-9d5c-02035fe5b314', 'https://github.com/mlflow/mlflow/commit/1da75dfcecd4d169e34809ade55748384e8af6c1']],
  ['PYSEC-2023-252', ['CVE-2023-6909'], 'mlflow', '0:2.9.2', "MLflow path traversal ('\\..\\filename') allows reading arbitrary files on the tracking server", 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 'pypa:vulns/mlflow/PYSEC-2023-252.yaml', ['https://huntr.com/bounties/11209efb-0f84-482f-add0-587ea6b7e850', 'https://github.com/mlflow/mlflow/commit/1da75dfcecd4d169e34809ade55748384e8af6c1']],
  ['CVE-2023-6977', [], 'mlflow', '0:2.9.2', "MLflow path traversal ('\\..\\filename') lets remote users read sensitive files on the server", 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:L', 'cve', ['https://huntr.com/bounties/fe53bf71-3687-4711-90df-c26172880aaf', 'https://github.com/mlflow/mlflow/commit/4bd7f27c810ba7487d53ed5ef1038fca0f8dc28c']],
  ['CVE-2023-6974', [], 'mlflow', '0:2.9.2', 'MLflow server-side request forgery: reach internal HTTP(S) servers (cloud metadata) from the tracking server', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:N', 'cve', ['https://huntr.com/bounties/438b0524-da0e-4d08-976a-6f270c688393', 'https://github.com/mlflow/mlflow/commit/8174250f83352a04c2d42079f414759060458555']],
  ['CVE-2023-6975', [], 'mlflow', '0:2.9.2', "MLflow path traversal ('\\..\\filename') leads to command execution on the server", 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cve', ['https://huntr.com/bounties/029a3824-cee3-4cf1-b260-7138aa539b85', 'https://github.com/mlflow/mlflow/commit/b9ab9ed77e1deda9697fe472fb1079fd428149ee']],
  ['CVE-2023-6976', [], 'mlflow', '0:2.9.2', 'MLflow unrestricted file upload writes arbitrary files anywhere on the server filesystem', 'CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 'cve', ['https://huntr.com/bounties/2408a52b-f05b-4cac-9765-4f74bac3f20f', 'https://github.com/mlflow/mlflow/commit/5044878da0c1851ccfdd5c0a867157ed9a502fbc']],
  ['CVE-2024-27132', [], 'mlflow', '0:2.10.0', 'MLflow recipe template XSS leads to client-side RCE when an untrusted recipe runs in Jupyter', 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:H', 'cve', ['https://research.jfrog.com/vulnerabilities/mlflow-untrusted-recipe-xss-jfsa-2024-000631930/', 'https://github.com/mlflow/mlflow/pull/10873'], 'The CVE record lists versions up to and including 2.9.2 as affected; 2.10.0 is the next release.'],
  ['CVE-2024-27133', [], 'mlflow', '0:2.10.0', 'MLflow dataset table XSS leads to client-side RCE when a recipe with an untrusted dataset runs in Jupyter', 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:H', 'cve', ['https://research.jfrog.com/vulnerabilities/mlflow-untrusted-dataset-xss-jfsa-2024-000631932/', 'https://github.com/mlflow/mlflow/pull/10893'], 'The CVE record lists versions up to and including 2.9.2 as affected; 2.10.0 is the next release.'],
  ['PYSEC-2024-51', ['CVE-2024-4263'], 'mlflow', '0:2.10.1', 'MLflow broken access control: users with only EDIT permission on an experiment can delete artifacts', 'UNRATED', 'pypa:vulns/mlflow/PYSEC-2024-51.yaml', ['https://huntr.com/bounties/bfa116d3-2af8-4c4a-ac34-ccde7491ae11', 'https://github.com/mlflow/mlflow/commit/b43e0e3de5b500554e13dc032ba2083b2d6c94b8']],

  // ---- Ray ----------------------------------------------------------------------------------
  ['CVE-2023-48022', [], 'ray', '0:', 'Ray job submission API lets a remote attacker execute arbitrary code (ShadowRay)', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cve adp', ['https://bishopfox.com/blog/ray-versions-2-6-3-2-8-0', 'https://docs.ray.io/en/latest/ray-security/index.html', 'https://www.oligo.security/blog/shadowray-attack-ai-workloads-actively-exploited-in-the-wild'], 'Disputed by the vendor: Ray is not intended for use outside a strictly controlled network, and no release changes this. Never expose the dashboard/Jobs port. (The record names 2.6.3 and 2.8.0; every release behaves this way.)'],
  ['CVE-2023-6019', [], 'ray', '0:2.8.1', "Ray dashboard command injection via the cpu_profile parameter: unauthenticated remote code execution", 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cve', ['https://huntr.com/bounties/d0290f3c-b302-4161-89f2-c13bb28b4cfe', 'https://www.anyscale.com/blog/update-on-ray-cves-cve-2023-6019-cve-2023-6020-cve-2023-6021-cve-2023-48022-cve-2023-48023']],
  ['CVE-2023-6020', [], 'ray', '0:2.8.1', "Ray /static/ local file inclusion: unauthenticated read of any file on the server", 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 'cve', ['https://huntr.com/bounties/83dd8619-6dc3-4c98-8f1b-e620fedcd1f6']],
  ['CVE-2023-6021', [], 'ray', '0:2.8.1', 'Ray log API local file inclusion: unauthenticated read of any file on the server', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 'cve', ['https://huntr.com/bounties/5039c045-f986-4cbc-81ac-370fe4b0d3f8']],
  ['CVE-2025-1979', [], 'ray', '0:2.43.0', 'Ray writes the Redis password into its standard logs', 'CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:C/C:H/I:L/A:N', 'cve', ['https://github.com/ray-project/ray/pull/50409']],

  // ---- PyTorch ------------------------------------------------------------------------------
  ['GHSA-53q9-r3pm-6pq6', ['CVE-2025-32434'], 'torch', '0:2.6.0', 'torch.load with weights_only=True still allows remote code execution from a crafted checkpoint', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N CRITICAL', 'cve:CVE-2025-32434', ['https://github.com/pytorch/pytorch/security/advisories/GHSA-53q9-r3pm-6pq6']],
  ['CVE-2022-45907', [], 'torch', '0:1.13.1', 'torch.jit.annotations.parse_type_line uses eval unsafely: arbitrary code execution', 'UNRATED', 'pypa:vulns/torch/PYSEC-0000-CVE-2022-45907.yaml', ['https://github.com/pytorch/pytorch/issues/88868', 'https://github.com/pytorch/pytorch/commit/767f6aa49fe20a2766b9843d01e3b7f7793df6a3']],
  ['CVE-2024-5480', [], 'torch', '0:2.2.2', 'torch.distributed.rpc does not restrict the functions a worker sends (PythonUDF): remote code execution on the master node', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 'cve', ['https://huntr.com/bounties/39811836-c5b3-4999-831e-46fee8fcade3'], 'The CVE record gives "prior to 2.2.2" in its description.'],
  ['CVE-2024-31580', [], 'torch', '0:2.2.0', 'PyTorch heap buffer overflow in runtime/vararg_functions.cpp: denial of service from crafted input', 'UNRATED', 'cve', ['https://github.com/pytorch/pytorch/commit/b5c3a17c2c207ebefcb85043f0cf94be9b2fef81']],
  ['CVE-2024-31583', [], 'torch', '0:2.2.0', 'PyTorch use-after-free in torch/csrc/jit/mobile/interpreter.cpp', 'CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', 'cve adp', ['https://github.com/pytorch/pytorch/commit/9c7071b0e324f9fb68ab881283d6b8d388a4bcd2']],
  ['CVE-2024-31584', [], 'torch', '0:2.2.0', 'PyTorch out-of-bounds read in torch/csrc/jit/mobile/flatbuffer_loader.cpp', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:U/C:L/I:L/A:L', 'cve adp', ['https://github.com/pytorch/pytorch/commit/7c35874ad664e74c8e4252d67521f3986eadb0e6']],
  ['CVE-2024-48063', [], 'torch', '0:<=2.4.1', 'torch.distributed.rpc RemoteModule deserialization allows remote code execution', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cve adp', ['https://github.com/pytorch/pytorch/issues/129228', 'https://github.com/pytorch/pytorch/security/policy#using-distributed-features'], 'Disputed by multiple parties as intended behaviour of PyTorch distributed computing (use it only on a trusted network).'],

  // ---- TorchServe ---------------------------------------------------------------------------
  ['GHSA-8fxr-qfr9-p34w', ['CVE-2023-43654'], 'torchserve', '0.1.0:0.8.2', 'TorchServe default configuration lets the management API download models from any URL: SSRF and file write (ShellTorch)', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 'cve:CVE-2023-43654', ['https://github.com/pytorch/serve/security/advisories/GHSA-8fxr-qfr9-p34w', 'https://github.com/pytorch/serve/pull/2534', 'https://www.oligo.security/blog/shelltorch-explained-multiple-vulnerabilities-in-pytorch-model-server']],
  ['CVE-2023-48299', ['GHSA-m2mj-pr4f-h9jp'], 'torchserve', '0.1.0:0.9.0', 'TorchServe Zip Slip: model/workflow archives can write files outside the model store on extraction', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:N', 'cve', ['https://github.com/pytorch/serve/security/advisories/GHSA-m2mj-pr4f-h9jp', 'https://github.com/pytorch/serve/pull/2634']],
  ['CVE-2024-35198', ['GHSA-wxcx-gg9c-fwp2'], 'torchserve', '0.4.2:0.11.0', 'TorchServe allowed_urls check can be bypassed with ".." in the model URL', 'CVSS:3.1/AV:A/AC:L/PR:N/UI:R/S:U/C:H/I:N/A:N', 'cve', ['https://github.com/pytorch/serve/security/advisories/GHSA-wxcx-gg9c-fwp2', 'https://github.com/pytorch/serve/pull/3082']],
  ['CVE-2024-35199', ['GHSA-hhpg-v63p-wp7w'], 'torchserve', '0.3.0:0.11.0', 'TorchServe gRPC ports 7070/7071 listen on all interfaces by default', 'CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:L', 'cve', ['https://github.com/pytorch/serve/security/advisories/GHSA-hhpg-v63p-wp7w', 'https://github.com/pytorch/serve/pull/3083']],

  // ---- Ollama (Go) --------------------------------------------------------------------------
  ['CVE-2024-37032', [], GO, '0:0.1.34', 'Ollama does not validate model digests when building blob paths: path traversal (Probllama)', 'UNRATED', 'cve', ['https://github.com/ollama/ollama/pull/4175', 'https://www.wiz.io/blog/probllama-ollama-vulnerability-cve-2024-37032']],
  ['CVE-2024-28224', [], GO, '0:0.1.29', 'Ollama DNS rebinding gives a web page access to the full local API (chat, delete models, resource exhaustion)', 'UNRATED', 'cve', ['https://research.nccgroup.com/2024/04/08/technical-advisory-ollama-dns-rebinding-attack-cve-2024-28224/']],
  ['CVE-2024-39722', [], GO, '0:0.1.46', 'Ollama api/push path traversal discloses which files exist on the server', 'UNRATED', 'cve', ['https://www.oligo.security/blog/more-models-more-probllms']],
  ['CVE-2024-39720', [], GO, '0:0.1.46', 'Ollama crashes (segmentation fault) on a 4-byte GGUF blob used via the CreateModel route (DoS)', 'UNRATED', 'cve', ['https://www.oligo.security/blog/more-models-more-probllms']],
  ['CVE-2024-39721', [], GO, '0:0.1.34', 'Ollama CreateModelHandler reads a user-chosen path such as /dev/random forever (DoS)', 'UNRATED', 'cve', ['https://www.oligo.security/blog/more-models-more-probllms']],
  ['CVE-2024-45436', [], GO, '0:0.1.47', 'Ollama extractFromZipFile writes zip members outside the parent directory (Zip Slip)', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N', 'cve adp', ['https://github.com/ollama/ollama/pull/5314']],

  // ---- Gradio -------------------------------------------------------------------------------
  ['GHSA-6qm2-wpxq-7qh2', ['CVE-2023-51449'], 'gradio', '0:4.11.0', 'Gradio /file route path traversal lets anyone read files on an app with a public URL', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 'pypa:vulns/gradio/PYSEC-0000-CVE-2023-51449.yaml', ['https://github.com/gradio-app/gradio/security/advisories/GHSA-6qm2-wpxq-7qh2']],
  ['CVE-2023-34239', ['GHSA-3qqg-pgqq-3695'], 'gradio', '0:3.34.0', 'Gradio does not restrict file access (path filtering) or which URLs it proxies', 'UNRATED', 'pypa:vulns/gradio/PYSEC-0000-CVE-2023-34239.yaml', ['https://github.com/gradio-app/gradio/security/advisories/GHSA-3qqg-pgqq-3695']],
  ['CVE-2024-1561', [], 'gradio', '0:4.13.0', 'Gradio /component_server lets a remote attacker call component methods and read arbitrary files', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 'cve', ['https://huntr.com/bounties/4acf584e-2fe8-490e-878d-2d9bf2698338', 'https://github.com/gradio-app/gradio/commit/24a583688046867ca8b8b02959c441818bdb34a2']],
  ['CVE-2024-1727', [], 'gradio', '0:4.19.2', 'Gradio CORS rules let a malicious page make requests to a locally running app (CSRF)', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:L', 'cve', ['https://huntr.com/bounties/a94d55fb-0770-4cbe-9b20-97a978a2ffff']],
  ['CVE-2024-47167', ['GHSA-576c-3j53-r9jj'], 'gradio', '0:5.0.0', 'Gradio /queue/join server-side request forgery via user-supplied URLs', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N MODERATE', 'cve', ['https://github.com/gradio-app/gradio/security/advisories/GHSA-576c-3j53-r9jj']],
  ['CVE-2024-47168', ['GHSA-hm3c-93pg-4cxw'], 'gradio', '0:4.44.0', 'Gradio enable_monitoring=False does not disable the /monitoring dashboard (information disclosure)', 'CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N LOW', 'cve', ['https://github.com/gradio-app/gradio/security/advisories/GHSA-hm3c-93pg-4cxw']],
  ['CVE-2024-47084', ['GHSA-3c67-5hwx-f6wx'], 'gradio', '0:4.44.0', 'Gradio skips CORS origin validation when the request carries a cookie', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N MODERATE', 'cve', ['https://github.com/gradio-app/gradio/security/advisories/GHSA-3c67-5hwx-f6wx']],

  // ---- Keras / TensorFlow -------------------------------------------------------------------
  ['CVE-2024-3660', [], 'keras', '0:2.13', 'Keras before 2.13 runs arbitrary code from a loaded model (code injection when loading untrusted models)', 'UNRATED', 'cve', ['https://kb.cert.org/vuls/id/253266']],
  ['CVE-2025-1550', [], 'keras', '3.0.0:3.8.0', 'Keras Model.load_model runs arbitrary code from a crafted config.json even with safe_mode=True', 'CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H HIGH', 'cve', ['https://github.com/keras-team/keras/pull/20751', 'https://towerofhanoi.it/writeups/cve-2025-1550/']],
  ['CVE-2025-8747', [], 'keras', '3.0.0:3.11.0', 'Keras Model.load_model safe_mode bypass: a crafted .keras archive achieves code execution', 'CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:P/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/AU:Y/R:A HIGH', 'cve', ['https://github.com/keras-team/keras/pull/21429', 'https://jfrog.com/blog/keras-safe_mode-bypass-vulnerability/'], 'The CVE record lists 3.0.0 through 3.10.0 as affected and 3.11.0 as the fix.'],
  ['CVE-2024-55459', [], 'keras', '3.7.0:<=3.7.0', 'Keras get_file with a crafted tar archive writes files outside the target directory', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L', 'cve adp', [], 'The CVE record names only keras 3.7.0 and no fixed release.'],
  ['CVE-2021-37678', ['GHSA-r6jx-9g48-2r5r'], 'tensorflow', '0:2.3.4 2.4.0:2.4.3 2.5.0:2.5.1', 'TensorFlow/Keras model_from_yaml uses yaml.unsafe_load: arbitrary code execution from a model config', 'CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 'cve', ['https://github.com/tensorflow/tensorflow/security/advisories/GHSA-r6jx-9g48-2r5r']],

  // ---- Transformers --------------------------------------------------------------------------
  ['CVE-2023-6730', [], 'transformers', '0:4.36', 'transformers deserializes untrusted data (pickle): code execution from a malicious file', 'CVSS:3.0/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:H', 'cve', ['https://huntr.com/bounties/423611ee-7a2a-442a-babb-3ed2f8385c16', 'https://github.com/huggingface/transformers/commit/1d63b0ec361e7a38f1339385e8a5a855085532ce']],
  ['CVE-2023-7018', [], 'transformers', '0:4.36', 'transformers deserializes untrusted data (pickle): code execution from a malicious file', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H', 'cve', ['https://huntr.com/bounties/e1a3e548-e53a-48df-b708-9ee62140963c', 'https://github.com/huggingface/transformers/commit/1d63b0ec361e7a38f1339385e8a5a855085532ce']],
  ['CVE-2024-3568', [], 'transformers', '0:4.38', 'transformers TFPreTrainedModel.load_repo_checkpoint unpickles checkpoint data: code execution from a crafted checkpoint', 'CVSS:3.0/AV:N/AC:H/PR:N/UI:R/S:C/C:N/I:N/A:L', 'cve', ['https://huntr.com/bounties/b3c36992-5264-4d7f-9906-a996efafba8f', 'https://github.com/huggingface/transformers/commit/693667b8ac8138b83f8adb6522ddaf42fa07c125']],

  // ---- llama-cpp-python, vLLM, BentoML --------------------------------------------------------
  ['GHSA-56xg-wfcc-g829', ['CVE-2024-34359'], 'llama-cpp-python', '0.2.30:0.2.72', 'llama-cpp-python renders the GGUF chat template with an unsandboxed Jinja2 environment: server-side template injection → RCE', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H', 'cve:CVE-2024-34359', ['https://github.com/abetlen/llama-cpp-python/security/advisories/GHSA-56xg-wfcc-g829', 'https://github.com/abetlen/llama-cpp-python/commit/b454f40a9a1787b2b5659cd2cb00819d983185df'], 'The CVE record lists 0.2.30 through 0.2.71 as affected.'],
  ['CVE-2025-24357', ['GHSA-rh4j-5rhw-hr54'], 'vllm', '0:0.7.0', 'vLLM hf_model_weights_iterator loads checkpoints with torch.load(weights_only=False): code execution from a malicious model', 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:H', 'cve', ['https://github.com/vllm-project/vllm/security/advisories/GHSA-rh4j-5rhw-hr54', 'https://github.com/vllm-project/vllm/pull/12366']],
  ['CVE-2025-29783', ['GHSA-x3m8-f7g5-qhm7'], 'vllm', '0.6.5:0.8.0', 'vLLM Mooncake integration deserializes data over ZMQ/TCP on all interfaces: remote code execution', 'CVSS:3.1/AV:A/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H', 'cve', ['https://github.com/vllm-project/vllm/security/advisories/GHSA-x3m8-f7g5-qhm7', 'https://github.com/vllm-project/vllm/pull/14228']],
  ['CVE-2025-32444', ['GHSA-hj4w-hm2g-p6w5'], 'vllm', '0.6.5:0.8.5', 'vLLM Mooncake integration uses pickle over unsecured ZeroMQ sockets on all interfaces: remote code execution', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 'cve', ['https://github.com/vllm-project/vllm/security/advisories/GHSA-hj4w-hm2g-p6w5']],
  ['CVE-2025-47277', ['GHSA-hjq4-87xh-g4fv'], 'vllm', '0.6.5:0.8.5', 'vLLM PyNcclPipe KV-cache transfer (V0 engine) listens on all interfaces and unpickles peer data: remote code execution', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cve', ['https://github.com/vllm-project/vllm/security/advisories/GHSA-hjq4-87xh-g4fv', 'https://github.com/vllm-project/vllm/pull/15988']],
  ['CVE-2024-2912', [], 'bentoml', '0:1.2.5', 'BentoML deserializes crafted request bodies sent to any endpoint: unauthenticated remote code execution', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cve', ['https://huntr.com/bounties/349a1cce-6bb5-4345-82a5-bf7041b65a68', 'https://github.com/bentoml/bentoml/commit/fd70379733c57c6368cc022ac1f841b7b426db7b']],
  ['CVE-2025-27520', ['GHSA-33xw-247w-6hmc'], 'bentoml', '1.3.4:1.4.3', 'BentoML serde.py insecure deserialization: unauthenticated remote code execution', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cve', ['https://github.com/bentoml/BentoML/security/advisories/GHSA-33xw-247w-6hmc']],
  ['CVE-2025-32375', ['GHSA-7v4r-c989-xh26'], 'bentoml', '1.0:1.4.8', "BentoML runner server insecure deserialization: remote code execution", 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cve', ['https://github.com/bentoml/BentoML/security/advisories/GHSA-7v4r-c989-xh26']],

  // ---- LangChain, LlamaIndex -----------------------------------------------------------------
  ['CVE-2023-46229', [], 'langchain', '0:0.0.317', 'LangChain RecursiveUrlLoader can crawl from an external server to internal hosts: server-side request forgery', 'UNRATED', 'cve', ['https://github.com/langchain-ai/langchain/pull/11925']],
  ['CVE-2024-3571', [], 'langchain', '0:0.0.353', 'LangChain LocalFileStore path traversal (mset/mget): read or write files outside the store root', 'CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N', 'cve', ['https://huntr.com/bounties/2df3acdc-ee4f-4257-bbf8-a7de3870a9d8', 'https://github.com/langchain-ai/langchain/commit/aad3d8bd47d7f5598156ff2bdcc8f736f24a7412']],
  ['CVE-2023-44467', [], 'langchain-experimental', '0.0.14:<=0.0.14', 'langchain-experimental PALChain: bypass of the CVE-2023-36258 fix executes arbitrary code via the Python exec method', 'UNRATED', 'cve', ['https://github.com/langchain-ai/langchain/commit/4c97a10bd0d9385cfee234a63b5bd826a295e483'], 'The CVE record names only langchain_experimental 0.0.14.'],
  ['CVE-2025-68664', ['GHSA-c67j-w6g6-q2cm'], 'langchain-core', '0:0.3.81 1.0.0:1.2.5', 'langchain-core dumps/dumpd do not escape user dicts with "lc" keys: serialization injection, secret extraction on load', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:L/A:N', 'cve', ['https://github.com/langchain-ai/langchain/security/advisories/GHSA-c67j-w6g6-q2cm']],
  ['CVE-2024-3098', [], 'llama-index', '0:0.10.24', 'LlamaIndex exec_utils safe_eval bypass (of CVE-2023-39662): prompt injection leads to arbitrary code execution', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cve', ['https://huntr.com/bounties/1bce0d61-ad03-4b22-bc32-8f99f92974e7', 'https://github.com/run-llama/llama_index/commit/5fbcb5a8b9f20f81b791c7fc8849e352613ab475'], 'The CVE record names the run-llama/llama_index project; from 0.10 the code ships in llama-index-core, which is not listed.'],
  ['CVE-2024-4181', [], 'llama-index', '0:0.10.13', 'LlamaIndex RunGptLLM evaluates provider responses with eval: a malicious LLM host executes code on the client', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', 'cve', ['https://huntr.com/bounties/1a204520-598a-434e-b13d-0d34f2a5ddc1', 'https://github.com/run-llama/llama_index/commit/d73715eaf0642705583e7897c78b9c8dd2d3a7ba']],

  // ---- Jupyter --------------------------------------------------------------------------------
  ['CVE-2023-39968', ['GHSA-r726-vmfq-j9j3'], 'jupyter-server', '0:2.7.2', 'Jupyter Server open redirect from crafted login links', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 'pypa:vulns/jupyter-server/PYSEC-0000-CVE-2023-39968.yaml', ['https://github.com/jupyter-server/jupyter_server/security/advisories/GHSA-r726-vmfq-j9j3']],
  ['CVE-2023-40170', ['GHSA-64x5-55rw-9974'], 'jupyter-server', '0:2.7.2', 'Jupyter Server improper cross-site credential checks on /files/ URLs expose file contents', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 'pypa:vulns/jupyter-server/PYSEC-0000-CVE-2023-40170.yaml', ['https://github.com/jupyter-server/jupyter_server/security/advisories/GHSA-64x5-55rw-9974']],
  ['CVE-2023-49080', ['GHSA-h56g-gq9v-vc8r'], 'jupyter-server', '0:2.11.2', 'Jupyter Server API errors include tracebacks with path information', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:U/C:L/I:N/A:N', 'cve', ['https://github.com/jupyter-server/jupyter_server/security/advisories/GHSA-h56g-gq9v-vc8r']],
  ['CVE-2024-35178', ['GHSA-hrw6-wg82-cm62'], 'jupyter-server', '0:2.14.1', 'Jupyter Server on Windows leaks the NTLMv2 password hash of the user running it to unauthenticated attackers', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 'cve', ['https://github.com/jupyter-server/jupyter_server/security/advisories/GHSA-hrw6-wg82-cm62']],
  ['CVE-2022-24757', ['GHSA-p737-p57g-4cpr'], 'jupyter-server', '0:1.15.4', 'Jupyter Server logs the auth cookie and other headers on 5xx errors', 'UNRATED', 'pypa:vulns/jupyter-server/PYSEC-0000-CVE-2022-24757.yaml', ['https://github.com/jupyter-server/jupyter_server/security/advisories/GHSA-p737-p57g-4cpr']],
  ['CVE-2024-22421', ['GHSA-44cc-43rp-5947'], 'jupyterlab', '0:3.6.7 4.0.0:4.0.11', 'JupyterLab: a malicious link can expose the Authorization and XSRF tokens when an older jupyter-server is used', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:L/A:L', 'cve', ['https://github.com/jupyterlab/jupyterlab/security/advisories/GHSA-44cc-43rp-5947']],
  ['CVE-2024-43805', ['GHSA-9q39-rmj3-p4r2'], 'jupyterlab', '0:3.6.8 4.0.0:4.2.5', 'JupyterLab/Notebook HTML injection in Markdown cells and previews leads to DOM clobbering (act as the user)', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:L/A:L', 'cve', ['https://github.com/jupyterlab/jupyterlab/security/advisories/GHSA-9q39-rmj3-p4r2']],
  ['CVE-2024-43805', ['GHSA-9q39-rmj3-p4r2'], 'notebook', '7.0.0:7.2.2', 'JupyterLab/Notebook HTML injection in Markdown cells and previews leads to DOM clobbering (act as the user)', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:L/A:L', 'cve', [], 'For notebook the CVE record\'s version field says ">= 7.0.0, <= 7.2.2" while its description says 7.2.2 is patched; this record follows the description.'],
  ['CVE-2022-24758', ['GHSA-m87f-39q9-6f55'], 'notebook', '0:6.4.10', 'Jupyter Notebook logs the auth cookie and other headers on 5xx errors', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 'cve', ['https://github.com/jupyter/notebook/security/advisories/GHSA-m87f-39q9-6f55'], 'The CVE record\'s affected range is "< 6.4.10" (its description says "prior to 6.4.9").'],
  ['CVE-2021-32862', ['GHSA-9jmq-rx5f-8jwq'], 'nbconvert', '0:<=6.2', 'nbconvert HTML export allows injecting arbitrary HTML from a notebook: cross-site scripting when served (e.g. nbviewer)', 'CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H', 'cve', ['https://github.com/jupyter/nbconvert/security/advisories/GHSA-9jmq-rx5f-8jwq'], 'The CVE record gives "<= 6.2" and no fixed release.'],
  ['CVE-2023-24816', ['GHSA-29gw-9793-fvw7'], 'ipython', '0:8.10', 'IPython set_term_title on Windows (without ctypes) allows command injection through crafted titles', 'CVSS:3.1/AV:L/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:L', 'cve', ['https://github.com/ipython/ipython/security/advisories/GHSA-29gw-9793-fvw7']],
  ['CVE-2022-21699', ['GHSA-pq7m-3gw7-gq5x'], 'ipython', '0:5.11 6.0.0:7.16.3 7.17.0:7.31.1 8.0.0:8.0.1', 'IPython mishandles cross-user temporary files: one user can run code as another on the same machine', 'CVSS:3.1/AV:L/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:H', 'cve', ['https://github.com/ipython/ipython/security/advisories/GHSA-pq7m-3gw7-gq5x']],

  // ---- Airflow -------------------------------------------------------------------------------
  ['CVE-2020-11978', [], 'apache-airflow', '0:<=1.10.10', 'Airflow example DAG lets authenticated users run commands as the worker/scheduler user (load_examples)', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 'cve adp', [], 'In the CISA Known Exploited Vulnerabilities catalog (per the CVE record). Not vulnerable with load_examples=False.'],
  ['CVE-2020-13927', [], 'apache-airflow', '0:1.10.11', "Airflow's experimental API accepted requests without authentication by default", 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cve adp', [], 'In the CISA Known Exploited Vulnerabilities catalog (per the CVE record). Existing installs must also set [api] auth_backend to deny_all.'],
  ['CVE-2022-40127', [], 'apache-airflow', '0:2.4.0', 'Airflow example DAGs let users who can trigger DAGs execute commands via the run_id parameter', 'UNRATED', 'pypa:vulns/apache-airflow/PYSEC-0000-CVE-2022-40127.yaml', ['https://github.com/apache/airflow/pull/25960']],
  ['CVE-2024-39877', [], 'apache-airflow', '2.4.0:2.9.3', 'Airflow doc_md lets authenticated DAG authors execute code in the scheduler', 'UNRATED', 'cve', ['https://github.com/apache/airflow/pull/40522', 'https://lists.apache.org/thread/1xhj9dkp37d6pzn24ll2mf94wbqnb2y1'], 'Apache rates it "important" (no CVSS published).'],
  ['CVE-2024-45034', [], 'apache-airflow', '0:2.10.1', 'Airflow lets DAG authors add local settings to the DAG folder that the scheduler executes', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 'cve adp', ['https://github.com/apache/airflow/pull/41672', 'https://lists.apache.org/thread/b4fcw33vh60yfg9990n5vmc7sy2dcgjx']],

  // ---- Data and numeric libraries --------------------------------------------------------------
  ['CVE-2019-6446', [], 'numpy', '0:<=1.16.0', 'numpy.load unpickles data: code execution from a crafted serialized object', 'UNRATED', 'cve', ['https://github.com/numpy/numpy/issues/12759'], 'Disputed: loading pickled object arrays is intended for trusted sources. The CVE record names "1.16.0 and earlier".'],
  ['CVE-2021-34141', [], 'numpy', '0:1.22.0', 'numpy.core incomplete string comparison causes slightly incorrect copying', 'UNRATED', 'cve', ['https://github.com/numpy/numpy/issues/18993'], 'The vendor states the reported behaviour is "completely harmless".'],
  ['CVE-2023-50447', [], 'pillow', '0:10.2.0', 'Pillow PIL.ImageMath.eval allows arbitrary code execution via the environment parameter', 'UNRATED', 'cve', ['http://www.openwall.com/lists/oss-security/2024/01/20/1'], 'The CVE record says "through 10.1.0"; its oss-security reference announces the fix in 10.2.0.'],
  ['CVE-2022-22817', ['GHSA-8vj2-vxx3-667w'], 'pillow', '0:9.0.0', 'Pillow PIL.ImageMath.eval evaluates arbitrary expressions', 'UNRATED', 'pypa:vulns/pillow/PYSEC-0000-CVE-2022-22817.yaml', ['https://pillow.readthedocs.io/en/stable/releasenotes/9.0.0.html#restrict-builtins-available-to-imagemath-eval']],
  ['CVE-2023-44271', [], 'pillow', '0:10.0.0', 'Pillow ImageFont/ImageDraw textlength with long text allocates memory uncontrollably (DoS)', 'UNRATED', 'pypa:vulns/pillow/PYSEC-0000-CVE-2023-44271.yaml', ['https://github.com/python-pillow/Pillow/pull/7244']],
  ['PYSEC-2023-175', [], 'pillow', '0:10.0.1', 'Pillow wheels bundle libwebp vulnerable to CVE-2023-4863 (heap buffer overflow on crafted WebP images)', 'UNRATED', 'pypa:vulns/pillow/PYSEC-2023-175.yaml', ['https://nvd.nist.gov/vuln/detail/CVE-2023-4863', 'https://github.com/python-pillow/Pillow/blob/main/CHANGES.rst#1001-2023-09-15'], 'Related to CVE-2023-4863 (libwebp).'],
  ['CVE-2024-28219', [], 'pillow', '0:10.3.0', 'Pillow buffer overflow in _imagingcms.c (strcpy instead of strncpy)', 'CVSS:3.1/AV:L/AC:H/PR:L/UI:R/S:U/C:H/I:H/A:H', 'cve', ['https://pillow.readthedocs.io/en/stable/releasenotes/10.3.0.html#security']],
  ['CVE-2024-5206', [], 'scikit-learn', '0:1.5.0', 'scikit-learn TfidfVectorizer stores all training tokens in stop_words_: sensitive data leaks into pickled models', 'CVSS:3.0/AV:N/AC:H/PR:L/UI:N/S:U/C:H/I:N/A:N', 'cve', ['https://huntr.com/bounties/14bc0917-a85b-4106-a170-d09d5191517c', 'https://github.com/scikit-learn/scikit-learn/commit/70ca21f106b603b611da73012c9ade7cd8e438b8']],
  ['CVE-2022-21797', [], 'joblib', '0:1.2.0', 'joblib Parallel pre_dispatch is evaluated with eval(): arbitrary code execution', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L', 'cve', ['https://github.com/joblib/joblib/pull/1321', 'https://security.snyk.io/vuln/SNYK-PYTHON-JOBLIB-3027033'], 'The record\'s vector also carries a temporal metric (E:P); the base vector is kept.'],
  ['CVE-2024-34997', [], 'joblib', '1.4.2:<=1.4.2', 'joblib NumpyArrayWrapper.read_array unpickles data: code execution from crafted files', 'CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H', 'cve adp', ['https://github.com/joblib/joblib/issues/1582'], 'Disputed by the supplier: NumpyArrayWrapper is only used when caching trusted content. The CVE record names only joblib 1.4.2.'],
  ['CVE-2021-42343', ['GHSA-hwqr-f3v9-hwxr'], 'distributed', '0:2021.10.0', 'Dask distributed LocalCluster workers listen on external interfaces: remote code execution by anyone who can reach them', 'UNRATED', 'cve', ['https://github.com/dask/distributed/security/advisories/GHSA-hwqr-f3v9-hwxr']],

  // ---- ONNX, Streamlit -----------------------------------------------------------------------------
  ['CVE-2024-27318', [], 'onnx', '0:<=1.15.0', 'ONNX external_data path check bypass (of the CVE-2022-25882 fix): read files outside the model directory', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 'cve', ['https://github.com/onnx/onnx/commit/66b7fb630903fdcf3e83b6b6d56d82e904264a20']],
  ['CVE-2024-27319', [], 'onnx', '0:<=1.15.0', 'ONNX out-of-bounds read in ONNX_ASSERT/ONNX_ASSERTM (off-by-one string copy)', 'CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:L/I:N/A:L', 'cve', ['https://github.com/onnx/onnx/commit/08a399ba75a805b7813ab8936b91d0e274b08287']],
  ['CVE-2022-25882', [], 'onnx', '0:1.13.0', 'ONNX external_data directory traversal: a model reads arbitrary files on load', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 'cve', ['https://github.com/onnx/onnx/pull/4400'], 'The record\'s vector also carries a temporal metric (E:P); the base vector is kept.'],
  ['CVE-2024-5187', [], 'onnx', '1.16.0:<=1.16.0', 'ONNX download_model_with_test_data extracts tar members without path checks (arbitrary file overwrite)', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', 'cve', ['https://huntr.com/bounties/50235ebd-3410-4ada-b064-1a648e11237e'], 'The CVE record names onnx 1.16.0 and no fixed release.'],
  ['CVE-2022-35918', ['GHSA-v4hr-4jpx-56gc'], 'streamlit', '0.63.0:1.11.1', 'Streamlit custom components directory traversal lets remote users read server files', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:N/A:N', 'cve', ['https://github.com/streamlit/streamlit/security/advisories/GHSA-v4hr-4jpx-56gc']],
  ['CVE-2024-42474', ['GHSA-rxff-vr5r-8cj5'], 'streamlit', '0:1.37.0', 'Streamlit static file sharing path traversal on Windows leaks the NTLM password hash', 'CVSS:3.0/AV:N/AC:H/PR:L/UI:N/S:U/C:H/I:L/A:N', 'cve', ['https://github.com/streamlit/streamlit/security/advisories/GHSA-rxff-vr5r-8cj5']],

  // ---- NVIDIA container toolkit and GPU operator -----------------------------------------------------
  ['CVE-2024-0132', [], TK, '0:<=1.16.1', 'NVIDIA Container Toolkit TOCTOU: a crafted container image gains access to the host file system (container escape)', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:H', 'cve', [NV(5582), 'https://www.wiz.io/blog/wiz-research-critical-nvidia-ai-vulnerability'], 'Does not affect CDI mode.'],
  ['CVE-2024-0132', [], OP, '0:<=24.6.1', 'NVIDIA GPU Operator ships a Container Toolkit with the TOCTOU container escape', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:H', 'cve', [NV(5582)]],
  ['CVE-2024-0133', [], TK, '0:<=1.16.1', 'NVIDIA Container Toolkit: a crafted container image can create empty files on the host (data tampering)', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:N/I:L/A:N', 'cve', [NV(5582)]],
  ['CVE-2024-0133', [], OP, '0:<=24.6.1', 'NVIDIA Container Toolkit: a crafted container image can create empty files on the host (data tampering)', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:N/I:L/A:N', 'cve', [NV(5582)]],
  ['CVE-2025-23359', [], TK, '0:<=1.17.3', 'NVIDIA Container Toolkit TOCTOU in the default configuration: a crafted image gains access to the host file system', 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:H/A:H', 'cve', [NV(5616)], 'Does not affect CDI mode.'],
  ['CVE-2025-23359', [], OP, '0:<=24.9.1', 'NVIDIA GPU Operator ships a Container Toolkit with the TOCTOU host file system access', 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:H/A:H', 'cve', [NV(5616)]],
  ['CVE-2025-23266', [], TK, '0:<=1.17.7', 'NVIDIA Container Toolkit container initialization hooks let an attacker run code with elevated permissions (NVIDIAScape)', 'CVSS:3.1/AV:A/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H', 'cve', [NV(5659), 'https://www.wiz.io/blog/nvidia-ai-vulnerability-cve-2025-23266-nvidiascape'], 'Versions before 1.17.5 (GPU Operator before 25.3.0) are affected in CDI mode only.'],
  ['CVE-2025-23266', [], OP, '0:<=25.3.0', 'NVIDIA GPU Operator ships a Container Toolkit vulnerable to NVIDIAScape', 'CVSS:3.1/AV:A/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H', 'cve', [NV(5659)]],
  ['CVE-2025-23267', [], TK, '0:<=1.17.7', 'NVIDIA Container Toolkit update-ldcache hook follows links in a crafted image: data tampering / DoS on the host', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:N/I:L/A:H', 'cve', [NV(5659)], 'Versions before 1.17.5 (GPU Operator before 25.3.0) are affected in CDI mode only.'],
  ['CVE-2025-23267', [], OP, '0:<=25.3.0', 'NVIDIA Container Toolkit update-ldcache hook follows links in a crafted image: data tampering / DoS on the host', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:N/I:L/A:H', 'cve', [NV(5659)]],

  // ---- NVIDIA Triton Inference Server (release numbers YY.MM, as the nvcr.io tags) ---------------------
  ['CVE-2025-23319', [], TRITON, '0:25.07', 'Triton Inference Server Python backend out-of-bounds write from a request: RCE, DoS, tampering', 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cve', [NV(5687)]],
  ['CVE-2025-23320', [], TRITON, '0:25.07', 'Triton Inference Server Python backend: a very large request exceeds the shared memory limit (information disclosure)', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 'cve', [NV(5687)]],
  ['CVE-2025-23334', [], TRITON, '0:25.07', 'Triton Inference Server Python backend out-of-bounds read from a request (information disclosure)', 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N', 'cve', [NV(5687)]],
  ['CVE-2025-23310', [], TRITON, '0:25.07', 'Triton Inference Server stack buffer overflow from crafted inputs: RCE / DoS', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cve', [NV(5687)]],
  ['CVE-2025-23311', [], TRITON, '0:25.07', 'Triton Inference Server stack overflow from crafted HTTP requests: RCE / DoS', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cve', [NV(5687)]],
];

/** Advisories dropped in the 2025-11 verification because no stored public record confirmed them. */
export const REMOVED: Record<string, string> = {
  'CVE-2022-1471 (torchserve)': 'the CVE record covers SnakeYAML only; no TorchServe record with a fixed version was found',
  'CVE-2024-11392': 'ZDI record names a commit (940fde8d), no release range; MobileViTV2 transformers fix version unconfirmed',
  'CVE-2024-11393': 'same ZDI batch as CVE-2024-11392; no release range found',
  'CVE-2024-11394': 'same ZDI batch as CVE-2024-11392; no release range found',
  'CVE-2021-33430': 'record names only NumPy 1.9.x (disputed); the 1.21.0 fix version could not be confirmed',
  'CVE-2024-22421 (notebook)': 'the CVE record lists jupyterlab only',
  'CVE-2023-43654 (torch-model-archiver)': 'the CVE record lists TorchServe (pytorch/serve) only',
};

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

/** Path of a CVE record in CVEProject/cvelistV5. */
export function cveRecordPath(cve: string): string {
  const [, year, num] = cve.split('-');
  return `cves/${year}/${Math.floor(Number(num) / 1000)}xxx/${cve}.json`;
}

/** The public records a row was verified against, as `repo:path` strings. */
export function verifiedAgainst(row: Row): string[] {
  const [id, aliases, , , , , src] = row;
  const cve = [id, ...aliases].find((a) => a.startsWith('CVE-'));
  const out: string[] = [];
  for (const s of src.split(' ')) {
    if (s === 'cve' || s === 'adp') {
      if (s === 'cve' && cve) out.push(`CVEProject/cvelistV5:${cveRecordPath(cve)}`);
    } else if (s.startsWith('cve:')) out.push(`CVEProject/cvelistV5:${cveRecordPath(s.slice(4))}`);
    else if (s.startsWith('pypa:')) out.push(`pypa/advisory-database:${s.slice(5)}`);
    else throw new Error(`${id}: unknown source ${s}`);
  }
  if (!out.length) throw new Error(`${id}: no source`);
  return out;
}

function sourceUrl(s: string): string {
  const [repo, path] = [s.slice(0, s.indexOf(':')), s.slice(s.indexOf(':') + 1)];
  return `https://github.com/${repo}/blob/main/${path}`;
}

function severityOf(severity: string): { severity?: OsvRecord['severity']; rating?: string } {
  if (severity === 'UNRATED') return {};
  if (QUALITATIVE.has(severity)) return { rating: severity };
  if (severity.startsWith('CVSS:3.')) return { severity: [{ type: 'CVSS_V3', score: severity }] };
  const [vector, rating] = severity.split(' ');
  if (vector.startsWith('CVSS:4.0/') && rating && QUALITATIVE.has(rating)) return { severity: [{ type: 'CVSS_V4', score: vector }], rating };
  throw new Error(`bad severity ${severity}`);
}

/** Expands a row to an OSV record. */
/**
 * Advisories their vendor or supplier disputes as intended behaviour, with no release that changes
 * it (each row's note says who and why): a version finding for them has nothing to upgrade to, so
 * it is not reported as critical/high (rules/deps/advisory-finding.ts); configuration rules judge
 * what actually protects (exposure, authentication).
 */
const DISPUTED = new Set(['CVE-2023-48022', 'CVE-2024-48063', 'CVE-2019-6446', 'CVE-2024-34997']);

/**
 * Advisories that hold only on some operating systems (each record's summary says so): Windows-only
 * flaws do not apply to a Linux container image or a Linux host.
 */
const PLATFORMS: Record<string, string[]> = { 'CVE-2024-35178': ['windows'], 'CVE-2023-24816': ['windows'], 'CVE-2024-42474': ['windows'] };

export function toOsv(row: Row): OsvRecord {
  const [id, aliases, pkgs, ranges, summary, severity, , refs = [], note] = row;
  const cves = [id, ...aliases].filter((a) => a.startsWith('CVE-'));
  const ghsas = [id, ...aliases].filter((a) => a.startsWith('GHSA-'));
  const verified = verifiedAgainst(row);
  const references = [
    ...cves.map((c) => ({ type: 'ADVISORY', url: `https://nvd.nist.gov/vuln/detail/${c}` })),
    ...ghsas.map((g) => ({ type: 'ADVISORY', url: `https://github.com/advisories/${g}` })),
    ...verified.map((s) => ({ type: 'ADVISORY', url: sourceUrl(s) })),
    { type: 'WEB', url: `https://osv.dev/vulnerability/${id}` },
    ...refs.map((url) => ({ type: 'WEB', url })),
  ];
  const list: Pkg[] = typeof pkgs === 'string' ? [pkgs] : (pkgs as Pkg[]);
  const sev = severityOf(severity);
  return {
    schema_version: '1.6.0',
    id,
    modified: `${CURATED_DATE}T00:00:00Z`,
    ...(aliases.length ? { aliases } : {}),
    summary,
    ...(sev.severity ? { severity: sev.severity } : {}),
    affected: list.map((p) => ({ package: pkgOf(p), ranges: ranges.split(' ').map(events) })),
    references,
    database_specific: {
      ...(sev.rating ? { severity: sev.rating } : {}),
      ...(severity === 'UNRATED' ? { unrated: 'the verified record publishes no CVSS score or rating' } : {}),
      ...(note ? { note } : {}),
      ...(DISPUTED.has(id) ? { disputed: true } : {}),
      ...(PLATFORMS[id] ? { platforms: PLATFORMS[id] } : {}),
      source: 'mlwarden-curated',
      verified_against: verified,
    },
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
      const [a, b] = [prev.database_specific!.note as string | undefined, r.database_specific!.note as string | undefined];
      if (b && b !== a) prev.database_specific!.note = a ? `${a} ${b}` : b;
    }
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}
