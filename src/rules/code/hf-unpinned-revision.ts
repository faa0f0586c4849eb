import type { Rule } from '../../core/types.js';
import { isTrue, param, type PyArg, type PyCall } from '../../parsers/python/analyze.js';
import { pythonCodeParser, type PythonModel } from '../../parsers/python/python.js';
import { ATLAS_SUPPLY_CHAIN, reportCall } from './support.js';

/** Hugging Face download entry points: which argument names the repository. `*` = any from_pretrained. */
const DOWNLOADERS: Array<{ match: (c: PyCall) => boolean; repo: (c: PyCall) => PyArg | undefined }> = [
  { match: (c) => c.name === 'from_pretrained', repo: (c) => param(c, 0, 'pretrained_model_name_or_path') },
  { match: (c) => c.qname === 'huggingface_hub.hf_hub_download' || c.qname === 'huggingface_hub.file_download.hf_hub_download', repo: (c) => param(c, 0, 'repo_id') },
  { match: (c) => c.qname === 'huggingface_hub.snapshot_download' || c.qname === 'huggingface_hub._snapshot_download.snapshot_download', repo: (c) => param(c, 0, 'repo_id') },
  { match: (c) => c.qname === 'datasets.load_dataset', repo: (c) => param(c, 0, 'path') },
  { match: (c) => c.qname === 'transformers.pipeline', repo: (c) => param(c, 1, 'model') },
  { match: (c) => c.qname === 'sentence_transformers.SentenceTransformer', repo: (c) => param(c, 0, 'model_name_or_path') },
];
/** load_dataset builders that read local files, not Hub repositories. */
const LOCAL_BUILDERS = new Set(['json', 'csv', 'parquet', 'text', 'arrow', 'pandas', 'imagefolder', 'audiofolder', 'videofolder', 'webdataset', 'xml', 'sql', 'generator']);
const COMMIT = /^[0-9a-f]{40}$/;
/** Downloads named in the message; properties.downloads lists up to MAX_LISTED. */
const NAMED = 5;
const MAX_LISTED = 100;

interface Unpinned {
  call: PyCall;
  what: string;
  line: number;
  repo: string;
  revision?: string;
}

/** A literal Hub repository id ("org/name" or a legacy bare name), not a local path. */
function hubId(v: string, call: PyCall): boolean {
  if (!v || /^[./~]|\\|^[A-Za-z]:|:\/\//.test(v)) return false;
  if (v.split('/').length > 2) return false;
  if (/\.(?:bin|pt|pth|ckpt|safetensors|json|ya?ml|h5|onnx|gguf|pkl|csv|parquet|txt)$/i.test(v)) return false;
  if (call.qname === 'datasets.load_dataset' && LOCAL_BUILDERS.has(v)) return false;
  return /^[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)?$/.test(v);
}

const rule: Rule<PythonModel> = {
  meta: {
    id: 'code/hf-unpinned-revision',
    title: 'Hugging Face model or dataset downloaded without a pinned revision',
    severity: 'low',
    description:
      '`from_pretrained("org/model")`, `hf_hub_download`, `snapshot_download` and `load_dataset` fetch the head of the default branch. A later push to ' +
      'the repository — by its owner, a compromised token or a transferred namespace — changes the weights, tokenizer, config or remote code your job ' +
      'loads, silently. Only a full commit sha is immutable; a branch or tag name can move. MITRE ATLAS AML.T0010 (ML supply chain compromise). ' +
      'One finding per file, at its first such download, lists them all (`properties.downloads`): a notebook repository with thousands of ' +
      'calls gets one line per file, not thousands.',
    remediation:
      'Pass `revision="<40-hex commit sha>"` (from the repository\'s commit history) to every download, and update it deliberately. For datasets ' +
      'and models you depend on, consider mirroring them to an internal store.',
    references: ['https://huggingface.co/docs/huggingface_hub/en/guides/download#from-specific-version', 'https://huggingface.co/docs/transformers/en/main_classes/model#transformers.PreTrainedModel.from_pretrained', ATLAS_SUPPLY_CHAIN, 'https://bandit.readthedocs.io/en/latest/plugins/b615_huggingface_unsafe_download.html'],
    tags: ['python', 'huggingface', 'supply-chain', 'pinning'],
  },
  parser: pythonCodeParser,
  async check(model, ctx) {
    const found: Unpinned[] = [];
    for (const call of model.calls) {
      const d = DOWNLOADERS.find((x) => x.match(call));
      if (!d) continue;
      if (isTrue(call.kwargs.local_files_only)) continue;
      const repo = d.repo(call);
      if (repo?.value.kind !== 'str' || !hubId(repo.value.value, call)) continue; // non-literal ids may be local paths: not judged
      const id = repo.value.value;
      const rev = call.kwargs.revision;
      if (!rev) {
        if (!call.opaqueKwargs) found.push({ call, what: `${call.callee}("${id}")`, line: call.line, repo: id });
        continue;
      }
      if (rev.value.kind !== 'str' || COMMIT.test(rev.value.value)) continue;
      found.push({ call, what: `${call.callee}("${id}", revision="${rev.value.value}")`, line: call.line, repo: id, revision: rev.value.value });
    }
    if (found.length === 0) return;
    const first = found[0];
    const named = found.slice(0, NAMED).map((f) => (found.length > 1 ? `${f.what} (line ${f.line})` : f.what));
    const more = found.length > NAMED ? `, and ${found.length - NAMED} more` : '';
    const message =
      found.length === 1
        ? first.revision === undefined
          ? `${first.what} downloads without revision=: the files can change under you`
          : `${first.what} pins a branch or tag that can move; use a commit sha`
        : `${found.length} Hugging Face downloads without a pinned commit sha: ${named.join(', ')}${more}`;
    await reportCall(ctx, model, first.call, {
      message,
      key: 'unpinned-downloads',
      properties: { downloads: found.slice(0, MAX_LISTED).map((f) => ({ line: f.line, call: f.call.callee, repo: f.repo, ...(f.revision !== undefined ? { revision: f.revision } : {}) })), count: found.length },
    });
  },
};
export default rule;
