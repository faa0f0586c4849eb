// TensorFlow ops that reach outside the tensor world when a SavedModel is loaded and called: the
// file system, Python, the process. A SavedModel is a program; these are its system calls. Adding an
// op is one line. `routine` ops appear in every SavedModel (the checkpoint saver) and are reported
// only when a constant file name feeding them is absolute or climbs out with `..`.
import type { Severity } from '../../core/types.js';
import { makeSavedModelParser } from '../../parsers/savedmodel/savedmodel.js';

export interface OpRisk {
  severity: Severity;
  what: string;
  /** Normal in every SavedModel: only suspicious file names are reported. */
  routine?: boolean;
}

export const SAVEDMODEL_OPS: Record<string, OpRisk> = {
  PyFunc: { severity: 'critical', what: 'calls a Python function of the loading process (tf.py_function / tf.numpy_function)' },
  PyFuncStateless: { severity: 'critical', what: 'calls a Python function of the loading process' },
  EagerPyFunc: { severity: 'critical', what: 'calls a Python function of the loading process (tf.py_function)' },
  WriteFile: { severity: 'critical', what: 'writes a file (tf.io.write_file): can plant code such as a .bashrc or a Python module' },
  ReadFile: { severity: 'high', what: 'reads a file (tf.io.read_file): can load secrets into model outputs' },
  MatchingFiles: { severity: 'high', what: 'lists files matching a pattern (tf.io.matching_files)' },
  WholeFileReader: { severity: 'high', what: 'reads whole files through a reader queue' },
  WholeFileReaderV2: { severity: 'high', what: 'reads whole files through a reader queue' },
  ImmutableConst: { severity: 'high', what: 'memory-maps a file named by memory_region_name' },
  PrintV2: { severity: 'medium', what: 'prints tensors; output_stream may name a file (file://...)' },
  DebugIdentity: { severity: 'medium', what: 'sends tensors to debug_urls (file:// or grpc://)' },
  DebugIdentityV2: { severity: 'medium', what: 'writes tensors to a debug dump folder' },
  CreateSummaryFileWriter: { severity: 'medium', what: 'creates an event file in a log directory' },
  WriteSummary: { severity: 'medium', what: 'writes summary events to a file' },
  SaveDataset: { severity: 'medium', what: 'writes a dataset to a path' },
  SaveDatasetV2: { severity: 'medium', what: 'writes a dataset to a path' },
  DatasetToTFRecord: { severity: 'medium', what: 'writes a TFRecord file' },
  ExperimentalDatasetToTFRecord: { severity: 'medium', what: 'writes a TFRecord file' },
  TFRecordDataset: { severity: 'medium', what: 'reads records from files named at run time' },
  TFRecordDatasetV2: { severity: 'medium', what: 'reads records from files named at run time' },
  TextLineDataset: { severity: 'medium', what: 'reads lines from files named at run time' },
  FixedLengthRecordDataset: { severity: 'medium', what: 'reads records from files named at run time' },
  FixedLengthRecordDatasetV2: { severity: 'medium', what: 'reads records from files named at run time' },
  MatchingFilesDataset: { severity: 'high', what: 'lists files matching a pattern' },
  ExperimentalMatchingFilesDataset: { severity: 'high', what: 'lists files matching a pattern' },
  Save: { severity: 'high', what: 'writes a checkpoint', routine: true },
  SaveSlices: { severity: 'high', what: 'writes a checkpoint', routine: true },
  SaveV2: { severity: 'high', what: 'writes a checkpoint', routine: true },
  Restore: { severity: 'high', what: 'reads a checkpoint', routine: true },
  RestoreSlice: { severity: 'high', what: 'reads a checkpoint', routine: true },
  RestoreV2: { severity: 'high', what: 'reads a checkpoint', routine: true },
  MergeV2Checkpoints: { severity: 'high', what: 'moves checkpoint files (deletes the old ones)', routine: true },
  ShardedFilename: { severity: 'high', what: 'builds a checkpoint file name', routine: true },
};

export const savedModelParser = makeSavedModelParser({ interesting: new Set(Object.keys(SAVEDMODEL_OPS)) });

/** Why a file name is suspicious, or undefined. */
export function suspiciousPath(p: string): string | undefined {
  if (p.startsWith('/') || p.startsWith('\\') || /^[a-z]:[\\/]/i.test(p)) return 'absolute path';
  if (p.startsWith('~')) return 'home directory';
  if (/^file:\/\//i.test(p)) return 'file URL';
  if (p.split(/[\\/]+/).includes('..')) return '.. segments';
  return undefined;
}
