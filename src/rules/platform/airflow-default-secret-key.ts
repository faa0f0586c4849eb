import { NIST_190, serviceRule } from './support.js';

export default serviceRule({
  id: 'platform/airflow-default-secret-key',
  title: "Airflow secret_key empty or well-known",
  severity: 'high',
  description:
    "The webserver/API `secret_key` signs session cookies. Empty or a published value (`temporary_key`) lets anyone forge a logged-in admin session (CVE-2020-17526 was exactly this default).",
  remediation: "Generate a random secret key per deployment (`python -c 'import secrets; print(secrets.token_hex(32))'`) and supply it from a Secret.",
  references: ['https://airflow.apache.org/docs/apache-airflow/stable/configurations-ref.html#secret-key', 'https://nvd.nist.gov/vuln/detail/CVE-2020-17526', NIST_190('4.1.4')],
  tags: ["ml-platform", "airflow", "secrets"],
}, [
  { service: 'airflow', setting: 'secretKey', when: (v) => AIRFLOW_DEFAULT_KEYS.has(v.trim()), message: (v) => `Airflow secret_key is ${v.trim() ? `the well-known value '${v.trim()}'` : 'empty'}: session cookies can be forged` },
]);

/** Airflow secret keys that ship in docs/configs or are placeholders. */
const AIRFLOW_DEFAULT_KEYS = new Set(['', 'temporary_key', 'secret', 'changeme', 'change_me', 'airflow', 'secret_key', 'mysecretkey', '{SECRET_KEY}']);
