// What the machine reports for one stream, and the options it runs with.

export type ImportVia = 'GLOBAL' | 'STACK_GLOBAL' | 'INST' | 'EXT';

export interface ImportRecord {
  module: string;
  name: string;
  /** `module.name`, or a description when the operands were computed at load time. */
  qual: string;
  via: ImportVia;
  offset: number;
  /** STACK_GLOBAL operands were not plain strings (call results, attribute values): name unknown statically. */
  computed: boolean;
  /** What a computed name was derived from, when the machine could follow it. */
  derivedFrom?: string;
  /** The name has dots: find_class walks attributes (`pathlib` + `os.system` = os.system). */
  dotted: boolean;
  /** Called (REDUCE/NEWOBJ/OBJ/INST/NEWOBJ_EX) somewhere in the stream. */
  called: boolean;
  /** Passed as an argument (or inside one) to some call. */
  passed: boolean;
  /** Its attributes were set with BUILD (monkey-patching an imported object). */
  mutated: boolean;
  calls: number;
  /** Up to three argument summaries of calls to it. */
  samples: string[];
}

export interface CallRecord {
  /** Readable callee, e.g. `builtins.getattr(<os>, 'system')`. */
  callee: string;
  op: string;
  offset: number;
  args: string;
  /** The callee was itself computed at load time (result of another call), not an imported name. */
  indirect: boolean;
  /** Imported names reachable inside the callee expression (for indirect calls). */
  roots: ImportRecord[];
}

export interface NestedPickle {
  offset: number;
  length: number;
  depth: number;
  result: StreamResult;
  /** Callee that receives these bytes (e.g. `pickle.loads`), when seen. */
  passedTo?: string;
  /** joblib writes object arrays as a pickle inside the pickle: expected, not hidden. */
  joblibArray?: boolean;
}

export type IssueKind = 'frame-overlap' | 'frame-straddle' | 'frame-past-end' | 'ext' | 'build-on-global' | 'unsupported-protocol' | 'joblib-array';

export interface MachineIssue {
  kind: IssueKind;
  message: string;
  offset: number;
}

export interface StreamError {
  message: string;
  offset: number;
  /** The stream ran out of bytes (truncated), as opposed to invalid content. */
  eof: boolean;
  /** A budget (time) stopped the analysis. */
  limit?: boolean;
}

export interface StreamResult {
  start: number;
  /** Offset after STOP (or where analysis stopped). */
  end: number;
  protocol: number;
  complete: boolean;
  ops: number;
  error?: StreamError;
  imports: ImportRecord[];
  calls: CallRecord[];
  issues: MachineIssue[];
  nested: NestedPickle[];
  persistentIds: number;
  /** Summary of the value STOP returned. */
  top?: string;
}

export interface MachineOptions {
  /** Called every few thousand ops; throws when the entry's time budget is spent. */
  checkTime?: () => void;
  /** Depth of this stream inside nested pickles (0 = file level). */
  depth?: number;
  /** Max nesting depth for pickles found inside bytes literals. */
  maxNestedDepth?: number;
  /** Shared counter of bytes analysed as nested pickles (bounded per file). */
  nestedBudget?: { bytes: number; count: number };
  /** The buffer holds the whole input: running out of bytes means truncation, not "read more". */
  final?: boolean;
  /** Absolute end of the input when known before the last window (a frame past it is found at once). */
  inputEnd?: number;
  /** Memo keys analysed at most (default MAX_MEMO_KEYS; lower only to test the limit cheaply). */
  maxMemoKeys?: number;
}
