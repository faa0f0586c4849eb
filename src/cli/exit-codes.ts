export const EXIT = {
  /** Nothing at or above --fail-on. */
  OK: 0,
  /** Findings at or above --fail-on. */
  FINDINGS: 1,
  /** Usage, configuration or fatal error. */
  ERROR: 2,
  /** The only findings at or above --fail-on are coverage gaps: some input could not be fully analysed. */
  INCOMPLETE: 3,
} as const;

/** Rules tagged so say "this input was not (fully) analysed" rather than "a problem was found". */
export const COVERAGE_TAG = 'coverage';

export const EXIT_CODE_HELP = `Exit codes:
  0  no finding at or above --fail-on (default: high)
  1  at least one finding at or above --fail-on
  2  usage error, invalid configuration, or a fatal error
  3  incomplete: the only findings at or above --fail-on say that some input could not be
     fully analysed (rules tagged "coverage", e.g. scan/unreadable; see "errors" in JSON)`;
