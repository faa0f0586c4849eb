// How ML services read a setting's value, as named predicates: the rows of the platform rules use
// these names instead of repeating a lambda per row, so "what counts as true / empty / every
// interface" is decided once and reads the same in every check.

export type Predicate = (value: string) => boolean;

/** Python / INI / YAML spellings of true (traitlets, Airflow, env flags). */
export const truthy: Predicate = (v) => /^(true|1|yes|on)$/i.test(v.trim());

/** Switched off: `--allow-metrics=false`, `--allow-grpc=0` (Triton's boolean parser). */
export const off: Predicate = (v) => /^(false|off|0|no)$/i.test(v.trim());

/** A boolean option that is on: a bare flag (`--allow-root`, value '') or a truthy value. */
export const enabled: Predicate = (v) => v === '' || truthy(v);

/** The empty string, also as written in Python (`''`, `""`, `u''`). */
export const empty: Predicate = (v) => {
  const t = v.trim();
  return t === '' || t === "''" || t === '""' || t === 'u""' || t === "u''";
};

/** A list of origins / hosts that admits any of them (`*`, `.*`, `http://*`). */
export const star: Predicate = (v) => v.split(/[,\s]+/).some((x) => x === '*' || x === '.*' || x === 'http://*' || x === 'https://*');

const ANY_ADDRESS = /^(?:https?:\/\/)?(?:0\.0\.0\.0|\[?::\]?|\*)(?::\d+)?\/?$/;

/** A listen address (optionally with scheme and port) naming every interface: `0.0.0.0`, `::`, `*`. */
export const anyAddress: Predicate = (v) => ANY_ADDRESS.test(v.trim());

/** A listen address set explicitly to every interface (an empty value is not one). */
export const isAll: Predicate = (v) => v.trim() !== '' && anyAddress(v);

/** A listen address on loopback only, optionally with scheme and port (`http://127.0.0.1:8080`). */
export const loopbackAddress: Predicate = (v) => /^(?:https?:\/\/)?(?:127\.\d+\.\d+\.\d+|localhost|\[?::1\]?)(?::\d+)?\/?$/i.test(v.trim());

/** A bare loopback host (`127.0.0.1`, `localhost`, `::1`), as `--host` / `--http-address` take it. */
export const loopbackHost: Predicate = (v) => /^(?:127\.\d+\.\d+\.\d+|localhost|\[?::1\]?)$/i.test(v.trim());

/**
 * JupyterHub authenticators that let anyone in: DummyAuthenticator (any user, any password),
 * tmpauthenticator (no login at all). NullAuthenticator disables login: not open.
 */
export const openAuthenticator: Predicate = (v) => /^(?:dummy|tmp|(?:jupyterhub\.auth\.)?DummyAuthenticator|(?:tmpauthenticator\.)?TmpAuthenticator)$/i.test(v.trim());
