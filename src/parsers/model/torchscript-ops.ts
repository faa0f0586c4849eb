// TorchScript operations that reach outside the tensor world, as they appear in the code/*.py of
// a torch.jit.save archive. TorchScript is compiled from this source by torch.jit.load (and, in
// torch <= 2.5.1, by torch.load(weights_only=True) too: CVE-2025-32434), so whoever edits the
// archive chooses the code. The language has no `import`, `open` or `os`: what remains are these
// builtins (verified with torch 1.13's scripting and printer: `torch.save(x, "p")` and
// `torch.from_file("p", ...)` script and serialise as written) and operators from native
// libraries. Data, not code: extend the tables.

export interface TorchScriptOp {
  /** What the operation does outside the process. */
  effect: string;
  kind: 'file-write' | 'file-read' | 'network';
}

/** Builtins reached as torch.NAME, torch.ops.aten.NAME or ops.aten.NAME. */
export const DANGEROUS_ATEN: Record<string, TorchScriptOp> = {
  save: { effect: 'aten::save writes a file at a path the model chooses', kind: 'file-write' },
  from_file: { effect: 'aten::from_file reads (or, shared=True, maps writable) a file at a path the model chooses', kind: 'file-read' },
};

/** torch.distributed.rpc, scriptable: calls out to other processes / hosts. */
export const DANGEROUS_RPC: Record<string, TorchScriptOp> = {
  rpc_sync: { effect: 'torch.distributed.rpc.rpc_sync runs a function on a remote worker', kind: 'network' },
  rpc_async: { effect: 'torch.distributed.rpc.rpc_async runs a function on a remote worker', kind: 'network' },
  remote: { effect: 'torch.distributed.rpc.remote creates an object on a remote worker', kind: 'network' },
};

/**
 * Operator namespaces that ship with PyTorch or its official domain libraries. Any other
 * `ops.NS.op(...)` needs a native library loaded first (torch.ops.load_library): native code the
 * archive does not contain and mlwarden cannot see.
 */
export const BUILTIN_OP_NAMESPACES = new Set([
  'aten', 'prim', 'quantized', '_quantized', 'quantized_decomposed', 'prepacked', 'profiler', 'xnnpack', 'mkldnn', 'onednn',
  'mkldnn_prepacked', 'fbgemm', '_caffe2', 'cuda', 'cudnn', '_nnapi', 'vulkan', 'vulkan_prepack', 'metal', 'metal_prepack',
  'torchvision', 'torchaudio', 'torchtext', 'image', 'c10d', 'inductor', 'higher_order', 'debugprims', 'rngprims', 'fb', 'sparse',
]);

/** Namespaces of TorchScript custom classes (torch.classes.NS.Cls) that ship with PyTorch. */
export const BUILTIN_CLASS_NAMESPACES = new Set(['quantized', 'xnnpack', 'mkldnn', 'onednn', '_nnapi', 'rnn', 'sparse', 'metal', 'vulkan', 'torchaudio', 'torchtext', 'torchvision']);
