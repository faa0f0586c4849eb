// The shape of one row of the detector table (one file per rule, listed in detector-table.ts). A
// detector is a rule's metadata plus one or more matchers; a matcher is a keyword set for the
// prefilter, a linear-time regex that runs only in a window around each keyword hit, and a validator
// that checks structure (checksum, infix, decodable body) instead of guessing from entropy.
import type { Severity } from '../../core/types.js';

export interface MatchInput {
  /** The regex match (group `s` or 1 is the secret when present, else the whole match). */
  m: RegExpExecArray;
  secret: string;
  /** Whole text of the segment being scanned (for nearby-context checks). */
  text: string;
  /** Offset of the match in `text`. */
  index: number;
  /** Base name of the file or archive member. */
  fileName: string;
}

/** What a validator may add to a match: a different severity, wording, or structured details. */
export interface MatchVerdict {
  severity?: Severity;
  /** Appended to the detector's message (never contains the secret). */
  note?: string;
  properties?: Record<string, unknown>;
  /** Replaces the secret (e.g. to pair a key id with the secret found near it). */
  secret?: string;
  /** Other strings this hit accounts for (a paired key id), so generic detectors stay quiet on them. */
  covers?: string[];
}

export interface Matcher {
  /** Lowercase substrings; the regex runs only near one of them. */
  keywords: string[];
  /** Must carry the `g` flag. No nested quantifiers over overlapping classes: linear on any input. */
  pattern: RegExp;
  /** Characters searched before and after each keyword hit. */
  window: [before: number, after: number];
  /** false rejects; true or a verdict accepts. */
  validate?(input: MatchInput): boolean | MatchVerdict;
  /** Cheap test at each keyword hit (`at` = keyword offset) before any regex runs near it. */
  near?(text: string, at: number): boolean;
  /** Skip the shared placeholder filter (for formats with their own structure check). */
  allowPlaceholderWords?: boolean;
}

export interface Detector {
  /** Rule id without the `secrets/` domain. */
  id: string;
  title: string;
  severity: Severity;
  /** What was found, for the finding message ("Hugging Face access token"). */
  what: string;
  description: string;
  remediation: string;
  references: string[];
  tags?: string[];
  /** Generic formats (PEM, JWT, URL credentials) yield to a provider-specific hit on the same secret. */
  generic?: boolean;
  matchers: Matcher[];
  /** Texts this detector must report and texts it must not (run by test/secrets/examples.test.ts). */
  examples: { match: Example[]; noMatch: Example[] };
}

/** A text to scan, as the content of `example.txt` or of the named file (some detectors read the name). */
export type Example = string | { text: string; file: string };

/** Regex pieces: a token starts after, and ends before, a character that cannot continue it. */
export const TOKEN_START = '(?<![A-Za-z0-9_])';
export const TOKEN_END = '(?![A-Za-z0-9_])';
/** For formats whose body may contain `-`. */
export const TOKEN_END_DASH = '(?![A-Za-z0-9_-])';
export const regex = (source: string, flags = 'g') => new RegExp(source, flags);

const H = '[^\\S\\r\\n]';

/**
 * A regex for `KEY = "token"` in the shapes config and code use: env files (`KEY=v`), YAML (`key: v`),
 * JSON (`"key": "v"`), Python/JS (`key = "v"`, `os.environ["KEY"] = "v"`, `Client(api_key="v")`,
 * `login(key="v")`). Every quantifier is bounded, so a failed attempt costs a constant.
 */
export function assignment(key: string, token: string, flags = 'gi'): RegExp {
  return new RegExp(
    `(?:${key})[A-Za-z0-9_.-]{0,24}["'\\]]{0,2}${H}{0,4}(?:=>|:=|=|:|\\(|,)${H}{0,4}(?:[A-Za-z_]{1,16}${H}{0,2}=${H}{0,2})?["'\`]?(?<s>${token})(?![A-Za-z0-9_])`,
    flags,
  );
}
