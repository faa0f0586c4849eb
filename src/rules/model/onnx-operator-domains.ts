// Operator domains that ONNX and ONNX Runtime implement themselves. Anything else needs a custom-op
// library registered with the runtime (a native shared object, or onnxruntime-extensions' Python
// operators), so the model only runs where someone has installed code for it.
export const STANDARD_ONNX_DOMAINS = new Set([
  '',
  'ai.onnx',
  'ai.onnx.ml',
  'ai.onnx.preview.training',
  'ai.onnx.training',
  'com.microsoft',
  'com.microsoft.nchwc',
  'com.microsoft.experimental',
  'com.microsoft.dml',
  'com.ms.internal.nhwc',
]);

/** Custom domains whose operators run Python or arbitrary code by design. */
export const CODE_RUNNING_DOMAINS: Record<string, string> = {
  'ai.onnx.contrib': 'onnxruntime-extensions custom operators (including PyOp, which calls a registered Python function)',
};

/** Op types that call into Python or native code in any custom domain. */
export const CODE_RUNNING_OPS = new Set(['PyOp', 'PythonOp', 'PyFunc', 'PythonFunction', 'Python']);
