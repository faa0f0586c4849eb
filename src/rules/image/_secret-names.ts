// Names of variables that hold credentials, and values that are obviously not real ones. Shared by
// the image rules that read build args and environment variables.
export const SECRET_NAME = /(?:^|_)(?:TOKEN|SECRET|PASSWORD|PASSWD|PASS|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|AUTH)(?:$|_)/i;
const NOT_SECRET_NAME = /(?:^|_)(?:PATH|FILE|DIR|URL|HOST|PORT|USER|USERNAME|NAME|ID|TYPE|MODE|LENGTH|TTL|HEADER)$/i;
const PLACEHOLDER = /^(?:|x+|\*+|changeme|change_me|none|null|false|true|0|1|dummy|example|placeholder|redacted|your[-_].*|<.*>|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)$/i;

export function isSecretAssignment(name: string, value: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET_NAME.test(name) && value.length >= 6 && !PLACEHOLDER.test(value.trim());
}
