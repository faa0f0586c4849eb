// Errors are values at file granularity: a ParseError or LimitExceededError thrown while reading one
// entry becomes a finding and an `errors` record, and the scan goes on. Only UsageError and
// ConfigError stop a run (exit code 2).

export class UsageError extends Error {
  override name = 'UsageError';
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The input is malformed, truncated or lies about itself. */
export class ParseError extends Error {
  override name = 'ParseError';
  constructor(message: string, readonly offset?: number) {
    super(message);
  }
}

/** A budget (size, depth, members, ratio, time) ran out; what was skipped is in the message. */
export class LimitExceededError extends Error {
  override name = 'LimitExceededError';
  constructor(message: string, readonly limit: string) {
    super(message);
  }
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
