// What a Keras config may import. Keras resolves `module` + `class_name` with importlib and calls the
// class's from_config (or, for class_name "function", returns the function to be called later):
// before Keras 3.9 even in safe_mode (CVE-2025-1550), and later versions still follow modules inside
// the keras package, where gadgets such as `keras.utils.get_file` live (CVE-2025-8747).

/** Module prefixes that ship with Keras and its official libraries. */
export const KERAS_MODULE_PREFIXES = ['keras', 'keras_hub', 'keras_nlp', 'keras_cv', 'keras_rs', 'tf_keras'];

/** Modules that have no business in a model config: importing from them is code execution. */
export const DANGEROUS_MODULES = new Set([
  'os', 'posix', 'nt', 'subprocess', 'sys', 'builtins', '__builtin__', 'importlib', 'runpy', 'code', 'codeop', 'pty', 'shutil',
  'socket', 'ctypes', 'marshal', 'pickle', 'dill', 'cloudpickle', 'joblib', 'types', 'functools', 'operator', 'inspect', 'pydoc',
  'pkgutil', 'webbrowser', 'requests', 'urllib', 'http', 'ftplib', 'smtplib', 'telnetlib', 'multiprocessing', 'threading', 'asyncio',
  'signal', 'tempfile', 'glob', 'pathlib', 'io', 'zipfile', 'tarfile', 'base64', 'codecs', 'timeit', 'cProfile', 'profile', 'pdb',
  'numpy.f2py', 'numpy.distutils',
]);

/** Functions and classes inside keras that load or fetch other artifacts, or turn safety off. */
export const DANGEROUS_KERAS_NAMES: Record<string, string> = {
  get_file: 'downloads a file from a URL and can write it anywhere (CVE-2025-8747)',
  enable_unsafe_deserialization: 'turns safe_mode off for everything loaded afterwards',
  load_model: 'loads another model from a path named in the config',
  load_weights: 'loads weights from a path named in the config',
  TFSMLayer: 'loads an external TensorFlow SavedModel named in the config (CVE-2026-1462)',
  save_model: 'writes a model to a path named in the config',
};

export function moduleRoot(module: string): string {
  return module.split('.')[0];
}

export function isKerasModule(module: string): boolean {
  return KERAS_MODULE_PREFIXES.includes(moduleRoot(module));
}

export function isDangerousModule(module: string): boolean {
  if (DANGEROUS_MODULES.has(module) || DANGEROUS_MODULES.has(moduleRoot(module))) return true;
  for (const m of DANGEROUS_MODULES) if (module.startsWith(`${m}.`)) return true;
  return false;
}
