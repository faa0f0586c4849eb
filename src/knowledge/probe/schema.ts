// The shape of a probe fingerprint: what an ML service looks like from the network and which
// read-only questions to ask it. Every identification is two features: a path AND a marker in the
// body or headers (never a port alone — ports are only hints for which hosts to try). Every check is
// a read-only request (list/describe) whose success proves the write path behind it is open without
// using it. Fingerprints are data only: what an answer means (the finding, its severity and message)
// is decided by the endpoint rules (src/rules/endpoint/), keyed by `<service id>:<check id>`.

/** Declarative response markers: linear checks only (JSON lookups, substring tests), no regular expressions. */
export interface Marker {
  /** Accepted status codes (default: 200). */
  status?: number | number[];
  /** JSON body: each path (segments split on '/', array indexes allowed) must exist. */
  jsonHas?: string[];
  /** JSON body: the value at each path equals this. */
  jsonEq?: Record<string, string | number | boolean>;
  /** JSON body: the array at the path has this element, or the string at the path contains it. */
  jsonContains?: Record<string, string>;
  /** JSON body: the number at the path is greater than this. */
  jsonGt?: Record<string, number>;
  /** JSON body is an array. */
  jsonArray?: boolean;
  /** Body contains every one of these. */
  bodyIncludes?: string[];
  /** Trimmed body equals this. */
  bodyIs?: string;
  /** Header (lower-case name) contains this text, case-insensitively. */
  header?: Record<string, string>;
}

export interface IdentifyProbe {
  path: string;
  marker: Marker;
  /** 'open': the probe itself answered without credentials; 'required': it proves auth is on. */
  auth: 'open' | 'required';
}

/** A read-only request whose matching answer shows an API that answers without credentials. */
export interface Check {
  id: string;
  path: string;
  marker: Marker;
  /** Only on this scheme (kubelet: the read-only port is plain HTTP, the full API is HTTPS). */
  scheme?: 'http' | 'https';
}

export interface VersionSource {
  path: string;
  /** JSON path of the version; absent: the whole trimmed body when it looks like a version. */
  json?: string;
}

export interface DefaultCredential {
  username: string;
  password: string;
  path: string;
  marker: Marker;
  /** Where the default is documented. */
  source: string;
}

/**
 * A read-only request that the service's API only accepts as a POST (so it is sent only with
 * --active): one small JSON body, a marker that proves the API answered.
 */
export interface ActivePost extends Check {
  body: string;
  /** What is left unverified without --active (shown in the inventory and the service's findings). */
  skipped: string;
}

export interface Package {
  /** Ecosystem and name as OSV spells them, for the advisory lookup. */
  ecosystem: string;
  name: string;
}

export interface ServiceFingerprint {
  id: string;
  name: string;
  package?: Package;
  /**
   * When one API is served by different packages across versions (classic Notebook 4-6 and
   * jupyter_server both answer GET /api), the version's major number picks the package to match.
   */
  packageByMajor?: Array<{ majors: [number, number]; package: Package }>;
  /** Well-known ports: which ports a bare host expands to. Never evidence. */
  ports: number[];
  identify: IdentifyProbe[];
  version?: VersionSource[];
  checks?: Check[];
  defaultCredentials?: DefaultCredential[];
  /** Services this one is a more specific form of (vLLM over a generic OpenAI-compatible server). */
  supersedes?: string[];
  /** For --active: where one oversized request body is sent, and where a burst of GETs goes. */
  active?: { bodyPath?: string; burstPath?: string; openAI?: boolean; posts?: ActivePost[] };
  docs: string;
}

/**
 * One expected field of a gRPC reply, by number and shape. A field with `optional` may be absent
 * (proto3 omits defaults); every other must be present exactly as described. Fields not listed are
 * allowed (newer versions add fields).
 */
export interface ReplyField {
  no: number;
  /** 'bytes': length-delimited with `length` bytes; 'string': UTF-8 text; 'json-object': a string holding a JSON object; 'varint': a number in `values`; 'message': a nested message whose fields parse. */
  type: 'bytes' | 'string' | 'json-object' | 'varint' | 'message';
  length?: number;
  values?: number[];
  optional?: boolean;
  /** Shown in evidence. */
  name: string;
}

/**
 * A service that speaks gRPC over HTTP/2 cleartext rather than HTTP/1: recognised by ONE read-only
 * unary call to a method only it implements, answered with grpc-status 0 and a reply whose fields
 * decode as that method's reply type. Any other gRPC server answers UNIMPLEMENTED (12) for the
 * method; anything that is not gRPC fails the HTTP/2 exchange. Tried only on origins that gave no
 * HTTP/1 answer.
 */
export interface GrpcServiceFingerprint {
  id: string;
  name: string;
  package?: Package;
  ports: number[];
  docs: string;
  /** Fully-qualified method path. */
  method: string;
  /** The serialized request message. */
  request: Buffer;
  reply: ReplyField[];
  /** Text in grpc-message of an UNAUTHENTICATED (16) answer that is this service's own token check. */
  authMessages: string[];
  /** Id of the check an answer without credentials stands for. */
  check: string;
}
