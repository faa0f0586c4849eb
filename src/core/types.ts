// The shapes every layer shares. Targets produce Entries, parsers turn an Entry into a model once,
// rules look at models and report Findings, reporters format a Report. Nothing here does I/O.

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Where a finding is. `path` is the outer file (POSIX, relative to the cwd when under it). */
export interface Location {
  path: string;
  /** Path inside an archive, image or layer: `layer/x.tar!etc/passwd` style, `!` between levels. */
  innerPath?: string;
  line?: number;
  column?: number;
  endLine?: number;
  byteOffset?: number;
  jsonPointer?: string;
  url?: string;
}

export interface Suppression {
  kind: 'inline' | 'ignore-file' | 'baseline';
  reason?: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  title: string;
  message: string;
  location: Location;
  /** What was seen; secrets are masked unless the user asked for --no-mask. */
  evidence?: string;
  /** Stable across edits: hash of rule + path + inner path + a rule-chosen key, never a line. */
  fingerprint: string;
  references: string[];
  tags?: string[];
  /** Rule-specific structured details (advisory ids, layer digests, request made, ...). */
  properties?: Record<string, unknown>;
  suppression?: Suppression;
}

export interface RuleMeta {
  /** `domain/kebab-name`, stable forever once released. */
  id: string;
  title: string;
  severity: Severity;
  /** Why it matters, in plain words (Markdown allowed). */
  description: string;
  remediation: string;
  references: string[];
  tags: string[];
}

/** A random-access view of bytes: a file, a slice of a file, an archive member, a response body. */
export interface ByteSource {
  /** Size in bytes as far as it is known (a compressed member's declared size may lie: readers still cap). */
  readonly size: number;
  /** Reads up to `length` bytes at `offset`; shorter only at the end. */
  read(offset: number, length: number): Promise<Buffer>;
  /** Sequential chunks from `start` to the end. */
  stream(start?: number): AsyncIterable<Buffer>;
  close?(): Promise<void>;
}

export type EntryKind = 'file' | 'member' | 'http' | 'host';

/** One thing to look at: a file, an archive member, an image layer file, an HTTP service, a host. */
export interface Entry {
  kind: EntryKind;
  /** Outer file path, or the URL / host name for non-file entries. */
  path: string;
  innerPath?: string;
  /** Base name of the innermost item, for extension checks. */
  name: string;
  size: number;
  source: ByteSource;
  /** Archive nesting depth: 0 for a file on disk. */
  depth: number;
  /** Sniffed from the first bytes; see core/sniff.ts. */
  type: FileType;
  /** Where it came from beyond the path: image layer digest, URL, host. */
  provenance?: Record<string, string>;
  /** Non-byte entries (services, hosts) carry their facts here. */
  facts?: unknown;
}

export interface FileType {
  /** zip, tar, gzip, bzip2, xz, zstd, 7z, pickle, npy, hdf5, gguf, safetensors, elf, png, jpeg, pdf, text, binary, empty */
  kind: string;
  text: boolean;
}

/** Reads an entry into a typed model. Pure: never decides severity, never formats output. */
export interface Parser<M = unknown> {
  id: string;
  /** Cheap test on the entry's sniffed type, name and size; true when parse() should run. */
  accepts(entry: Entry): boolean;
  parse(entry: Entry, ctx: ParseContext): Promise<M>;
}

export interface ParseContext {
  limits: Limits;
  /** Another parser's model for the same entry, parsed once and shared. */
  use<T>(parser: Parser<T>): Promise<T>;
  /** Throws LimitExceededError when the entry's time budget is spent. */
  checkTime(): void;
}

export interface ReportInput {
  message: string;
  /** Overrides parts of the entry's location (line, column, innerPath suffix, jsonPointer, url). */
  location?: Partial<Location>;
  evidence?: string;
  /** When the evidence is a secret: masked in output, and hashed into the fingerprint. */
  secret?: string;
  /** Stable key for the fingerprint (defaults to evidence, then message). */
  key?: string;
  severity?: Severity;
  properties?: Record<string, unknown>;
}

export interface RuleContext {
  entry: Entry;
  limits: Limits;
  report(finding: ReportInput): void;
  /** Adds an inventory record (model files, dependencies, services) to the report. */
  inventory(record: InventoryRecord): void;
  use<T>(parser: Parser<T>): Promise<T>;
  /** Run options rules may read (e.g. `hash: true` asks model rules for sha256 in the inventory). */
  options: Record<string, unknown>;
  /**
   * This rule's scratch space for the entry's deployable unit (one per rule per unit: a Helm chart,
   * a release copy, one sample's folder, else the scan): what a scan-wide check collects from each
   * entry before `finish` judges it (e.g. namespaces seen across manifests). Joins never cross units.
   */
  state: Map<string, unknown>;
  /**
   * One map per unit shared by every rule: for an index several rules build from the same entries
   * (e.g. the Services and Ingresses an exposure join needs), so it is recorded once, not per rule.
   * Key it by the owning module's name.
   */
  shared: Map<string, unknown>;
}

/** Context of a rule's `finish`, called after every target was read, once per deployable unit. */
export interface FinishContext {
  state: Map<string, unknown>;
  shared: Map<string, unknown>;
  options: Record<string, unknown>;
  /** Reports at a location collected earlier (outer path, inner path, line...). */
  report(location: Location, finding: ReportInput): void;
}

/**
 * Part of an entry that a target could not read: a compressed stream that is corrupt or truncated,
 * a zip directory that lies past a limit, a 7z archive or member that could not be decoded. The
 * engine offers it to every rule with a `gap` judge; `name` is the file's own name, `innerPath`
 * where a finding about it belongs, `detail` the reader's own words.
 */
export type CoverageGap =
  | { cause: 'corrupt-stream'; codec: string; name: string; innerPath?: string; detail: string }
  | { cause: 'zip-directory-limit'; limit: string; name: string; innerPath?: string; detail: string }
  | { cause: '7z-undecodable'; coder?: string; name: string; member?: string; innerPath?: string; detail: string };

export interface GapContext {
  report(finding: ReportInput): void;
}

export interface Rule<M = unknown> {
  meta: RuleMeta;
  /** The parser whose model this rule checks. Rules without one are raised by the engine itself. */
  parser?: Parser<M>;
  check?(model: M, ctx: RuleContext): void | Promise<void>;
  /** Scan-wide judgement after all entries (cross-file checks); reads what `check` left in `state`. */
  finish?(ctx: FinishContext): void | Promise<void>;
  /** Judges what a target could not read (see CoverageGap); a rule may have this alone. */
  gap?(gap: CoverageGap, ctx: GapContext): void;
}

export interface InventoryRecord {
  kind: string;
  path: string;
  innerPath?: string;
  [key: string]: unknown;
}

export interface Limits {
  /** Largest entry read whole into memory (text, pickle stream, decompressed member). */
  maxEntryBytes: number;
  /** Archive nesting depth (a zip in a tar in a tar.gz is depth 3). */
  maxArchiveDepth: number;
  maxArchiveMembers: number;
  /** Decompressed bytes per top-level file, all nested members together. */
  maxArchiveTotalBytes: number;
  /** Decompressed/compressed ratio beyond which a member is treated as a bomb. */
  maxCompressionRatio: number;
  /** Wall-clock budget per entry. */
  maxEntryMillis: number;
}

export interface ScanError {
  path: string;
  innerPath?: string;
  ruleId: 'scan/unreadable' | 'scan/limit-exceeded' | string;
  message: string;
}

export interface ScanStats {
  entries: number;
  files: number;
  archiveMembers: number;
  bytesRead: number;
  durationMs: number;
  rules: number;
  findingsBySeverity: Record<Severity, number>;
  /**
   * Files and folders not scanned because a .gitignore in the scanned tree matched them. A repository
   * controls its own .gitignore, so this is reported (and `--no-gitignore` scans everything).
   */
  gitignored: number;
  /**
   * Findings whose severity was capped at low because their file sits in a test, example, archived
   * or vendored folder (knowledge/contexts.ts); each keeps `properties.context`. 0 with `context: production`.
   */
  contextCapped: number;
}

export interface Report {
  tool: { name: string; version: string };
  findings: Finding[];
  /** Findings hidden by inline comments, the ignore file or a baseline (kept for SARIF and audits). */
  suppressed: Finding[];
  errors: ScanError[];
  stats: ScanStats;
  inventory: InventoryRecord[];
  targets: string[];
}

/** Something to scan: a directory tree, a container image, an HTTP service, a GPU host. */
export interface Target {
  /** How the target is named in the report. */
  label: string;
  entries(): AsyncIterable<TargetItem>;
}

export type TargetItem =
  | { kind: 'entry'; entry: Entry }
  | { kind: 'error'; path: string; message: string; ruleId?: 'scan/unreadable' | 'scan/limit-exceeded' }
  | { kind: 'skipped'; path: string; reason: string };
