export const EXIT = {
  /** Nothing at or above --fail-on. */
  OK: 0,
  /** Findings at or above --fail-on. */
  FINDINGS: 1,
  /** Usage, configuration or fatal error. */
  ERROR: 2,
} as const;

export const EXIT_CODE_HELP = `Exit codes:
  0  no finding at or above --fail-on (default: high)
  1  at least one finding at or above --fail-on
  2  usage error, invalid configuration, or a fatal error`;
