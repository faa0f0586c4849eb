// Globals that real checkpoints need and that do nothing but rebuild data when imported or called.
// Allowlist first: a global not listed here and not denylisted is reported as an unknown import.
// Seeded from globals seen in files written by torch, numpy, scikit-learn, joblib, xgboost,
// lightgbm and transformers (see scripts/fixtures/model-pickle/generate.py); adding one is one line.

/** Exact `module.name` after Python 2 -> 3 module renames. */
export const SAFE_GLOBALS = new Set<string>([
  // builtins that only build plain data
  'builtins.set', 'builtins.frozenset', 'builtins.slice', 'builtins.range', 'builtins.complex', 'builtins.bytearray', 'builtins.bytes',
  'builtins.int', 'builtins.float', 'builtins.str', 'builtins.bool', 'builtins.list', 'builtins.dict', 'builtins.tuple', 'builtins.object',
  'builtins.NoneType', 'builtins.Ellipsis', 'builtins.NotImplemented',
  // protocol 0-2 plumbing
  'copyreg._reconstructor', 'copyreg.__newobj__', 'copyreg.__newobj_ex__', '_codecs.encode', 'codecs.encode',
  'collections.OrderedDict', 'collections.defaultdict', 'collections.Counter', 'collections.deque', 'collections.namedtuple',
  'datetime.datetime', 'datetime.date', 'datetime.time', 'datetime.timedelta', 'datetime.timezone', 'decimal.Decimal', 'fractions.Fraction',
  'uuid.UUID', 'pathlib.PosixPath', 'pathlib.WindowsPath', 'pathlib.PurePosixPath', 'pathlib.PureWindowsPath', 'pathlib.Path',
  'argparse.Namespace', 'enum.Enum', 're._compile',
  // Logger.__reduce__ pickles a logger as getLogger(name): no file is opened (logging.FileHandler is not allowed).
  'logging.getLogger',
  // torch tensors, storages, parameters
  'torch._utils._rebuild_tensor', 'torch._utils._rebuild_tensor_v2', 'torch._utils._rebuild_tensor_v3', 'torch._utils._rebuild_parameter',
  'torch._utils._rebuild_parameter_with_state', 'torch._utils._rebuild_sparse_tensor', 'torch._utils._rebuild_sparse_csr_tensor',
  'torch._utils._rebuild_device_tensor_from_numpy', 'torch._utils._rebuild_qtensor', 'torch._utils._rebuild_nested_tensor',
  'torch._utils._rebuild_wrapper_subclass', 'torch._utils._rebuild_meta_tensor_no_storage', 'torch._utils._rebuild_xla_tensor',
  'torch._utils._rebuild_mlc_tensor', 'torch._tensor._rebuild_from_type', 'torch._tensor._rebuild_from_type_v2',
  'torch.nn.parameter.Parameter', 'torch.nn.parameter.UninitializedParameter', 'torch.nn.parameter.Buffer', 'torch.Tensor', 'torch.Size', 'torch.device',
  'torch.storage.TypedStorage', 'torch.storage.UntypedStorage', 'torch.storage._TypedStorage', 'torch.storage._UntypedStorage',
  'torch.FloatStorage', 'torch.DoubleStorage', 'torch.HalfStorage', 'torch.BFloat16Storage', 'torch.LongStorage', 'torch.IntStorage',
  'torch.ShortStorage', 'torch.CharStorage', 'torch.ByteStorage', 'torch.BoolStorage', 'torch.ComplexFloatStorage', 'torch.ComplexDoubleStorage',
  'torch.QInt8Storage', 'torch.QUInt8Storage', 'torch.QInt32Storage', 'torch.QUInt4x2Storage', 'torch.QUInt2x4Storage', 'torch.UntypedStorage',
  // Legacy tensor types: the `tensors` member of PyTorch's legacy tar layout names them (torch/serialization.py legacy_load).
  'torch.FloatTensor', 'torch.DoubleTensor', 'torch.HalfTensor', 'torch.BFloat16Tensor', 'torch.LongTensor', 'torch.IntTensor',
  'torch.ShortTensor', 'torch.CharTensor', 'torch.ByteTensor', 'torch.BoolTensor',
  'torch.float32', 'torch.float64', 'torch.float16', 'torch.bfloat16', 'torch.int64', 'torch.int32', 'torch.int16', 'torch.int8', 'torch.uint8',
  'torch.bool', 'torch.complex64', 'torch.complex128', 'torch.float8_e4m3fn', 'torch.float8_e5m2', 'torch.qint8', 'torch.quint8', 'torch.qint32',
  'torch.per_tensor_affine', 'torch.per_channel_affine', 'torch.contiguous_format', 'torch.channels_last', 'torch.preserve_format',
  'torch.strided', 'torch.sparse_coo', 'torch.sparse_csr', 'torch.serialization._get_layout', 'torch._C._nn.gelu',
  // TorchScript's own unpickler helpers (constants.pkl, *.debug_pkl)
  'torch.jit._pickle.build_intlist', 'torch.jit._pickle.build_tensorlist', 'torch.jit._pickle.build_doublelist',
  'torch.jit._pickle.build_boollist', 'torch.jit._pickle.build_tensor_from_id', 'torch.jit._pickle.restore_type_tag',
  'torch.optim.lr_scheduler.LambdaLR', 'torch.cuda.amp.grad_scaler.GradScaler', 'torch.amp.grad_scaler.GradScaler',
  // numpy reconstruction
  'numpy.core.multiarray._reconstruct', 'numpy._core.multiarray._reconstruct', 'numpy.core.multiarray.scalar', 'numpy._core.multiarray.scalar',
  'numpy.core.numeric._frombuffer', 'numpy._core.numeric._frombuffer', 'numpy.ndarray', 'numpy.dtype', 'numpy.ma.core._mareconstruct',
  'numpy.ma.core.MaskedArray', 'numpy.random._pickle.__randomstate_ctor', 'numpy.random._pickle.__generator_ctor',
  'numpy.random._pickle.__bit_generator_ctor', 'numpy.random.mtrand.RandomState', 'numpy.random._mt19937.MT19937',
  'numpy.random._pcg64.PCG64', 'numpy.random._generator.Generator', 'numpy.random.bit_generator.SeedSequence',
  'numpy.float64', 'numpy.float32', 'numpy.float16', 'numpy.int64', 'numpy.int32', 'numpy.int16', 'numpy.int8', 'numpy.uint8', 'numpy.uint16',
  'numpy.uint32', 'numpy.uint64', 'numpy.bool_', 'numpy.complex64', 'numpy.complex128', 'numpy.str_', 'numpy.bytes_', 'numpy.object_',
  'scipy.sparse._csr.csr_matrix', 'scipy.sparse._csc.csc_matrix', 'scipy.sparse._coo.coo_matrix', 'scipy.sparse.csr.csr_matrix',
  'scipy.sparse.csc.csc_matrix', 'pandas._libs.internals._unpickle_block', 'pandas.core.frame.DataFrame', 'pandas.core.series.Series',
  'pandas.core.indexes.base._new_Index', 'pandas.core.indexes.base.Index', 'pandas.core.indexes.range.RangeIndex',
  'pandas.core.internals.managers.BlockManager', 'pandas.core.internals.managers.SingleBlockManager', 'pandas.core.internals.blocks.new_block',
  // joblib containers
  'joblib.numpy_pickle.NumpyArrayWrapper', 'joblib.numpy_pickle.NDArrayWrapper', 'joblib.numpy_pickle.ZNDArrayWrapper',
  'sklearn.externals.joblib.numpy_pickle.NumpyArrayWrapper',
  // sklearn tree internals (Cython classes, rebuilt from arrays)
  'sklearn.tree._tree.Tree', 'sklearn._loss.loss.HalfBinomialLoss', 'sklearn._loss.link.LogitLink',
  'xgboost.core.Booster', 'lightgbm.basic.Booster',
]);

/**
 * Packages whose classes (CapWords names) are data holders safe to instantiate: estimator and config
 * classes are rebuilt with __new__ + __setstate__, and whatever callables they hold are separate
 * globals judged on their own. Functions in these packages are not covered.
 */
export const SAFE_CLASS_PACKAGES = [
  'sklearn.', 'xgboost.', 'lightgbm.', 'catboost.', 'transformers.', 'tokenizers.', 'accelerate.', 'peft.', 'sentence_transformers.',
  'torch.nn.modules.', 'torch.optim.', 'torch.distributions.', 'torchvision.models.', 'torchvision.transforms.', 'timm.models.',
  'numpy.dtypes.', 'numpy.core.', 'numpy._core.', 'scipy.sparse.', 'pandas.core.', 'pandas._libs.', 'collections.',
  // TorchScript archives name their own classes `__torch__.*`; the TorchScript loader resolves them, Python cannot import them.
  '__torch__.',
];

/** Module paths under the safe packages that still must not be trusted wholesale. */
export const UNSAFE_SUBPACKAGE_MARKERS = [
  '.testing', '.externals.', '.utils._testing', '.hub', '.serialization', '.jit', '.cpp_extension', '._dynamo', '.compile',
  // transformers agents/tools evaluate Python code (PythonInterpreterTool, evaluate_python_code).
  '.agents.', '.agents', '.tools.', '.commands.',
];
