// What a probe of one origin tells the endpoint rules: the services it recognised and what it saw,
// each observation with the request that showed it and the evidence. Observations carry no severity
// and no message: judging them is the rules' work (src/rules/endpoint/).
import type { AdvisoryMatch } from './advisories.js';
import type { TlsInfo } from './http-client.js';
import type { Package } from '../../knowledge/probe/schema.js';

export interface RequestRef {
  method: string;
  url: string;
}

interface Seen {
  service?: string;
  /** Stable id of what was asked (the finding's fingerprint key); `<service>:<check>` for checks. */
  check: string;
  request: RequestRef;
  evidence: { status?: number; marker: string };
  /** Shown with the finding as it is. */
  extra?: Record<string, unknown>;
}

export type Observation = Seen &
  (
    // A fingerprint check's read-only request was answered without credentials.
    | { kind: 'answered' }
    | { kind: 'default-credentials'; extra: { username: string; source: string } }
    // Plain HTTP, or gRPC over HTTP/2 cleartext, on an origin that is not loopback.
    | { kind: 'plaintext'; over: 'http' | 'h2c' }
    | { kind: 'tls'; extra: { tls: TlsInfo } }
    // A foreign Origin was allowed, with credentials.
    | { kind: 'cors'; allowOrigin: string }
    // An error response held a stack trace of this kind.
    | { kind: 'verbose-error'; trace: string }
    // Every request of the --active burst was answered, none throttled.
    | { kind: 'rate-limit'; extra: { burst: number } }
    // The --active oversized body was read to the end.
    | { kind: 'size-limit'; extra: { bytes: number } }
    // An anonymous completion returned this many top log-probabilities per token.
    | { kind: 'logprobs'; topLogprobs: number; extra: { model: string } }
    | { kind: 'advisory'; extra: { advisory: AdvisoryMatch; version: string; package: Package } }
  );

export type ObservationKind = Observation['kind'];

export interface ServiceFacts {
  id: string;
  name: string;
  auth: 'open' | 'required';
  version?: string;
  package?: Package;
  identifiedBy: RequestRef & { status: number; marker: string };
  advisories: AdvisoryMatch[];
  /** Read-only checks that were not made (e.g. POST-only APIs without --active). */
  notChecked?: string[];
  /** 'grpc' for services recognised over gRPC (HTTP/2 cleartext). */
  protocol?: 'http' | 'grpc';
}

export interface OriginFacts {
  probe: true;
  /** scheme://host:port plus the base path the user gave. */
  url: string;
  label: string;
  host: string;
  port: number;
  scheme: 'http' | 'https';
  loopback: boolean;
  explicit: boolean;
  /** Credentials (--token/--header) were sent to this origin. */
  credentialed: boolean;
  tls?: TlsInfo;
  services: ServiceFacts[];
  observations: Observation[];
  /** HTTP requests this origin cost. */
  requests: number;
  /** Set when the request budget ran out part-way through. */
  incomplete?: string;
}
