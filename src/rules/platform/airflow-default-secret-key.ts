import { NIST_190, issueRule } from './support.js';

export default issueRule({
  id: 'platform/airflow-default-secret-key',
  title: "Airflow secret_key empty or well-known",
  severity: 'high',
  description:
    "The webserver/API `secret_key` signs session cookies. Empty or a published value (`temporary_key`) lets anyone forge a logged-in admin session (CVE-2020-17526 was exactly this default).",
  remediation: "Generate a random secret key per deployment (`python -c 'import secrets; print(secrets.token_hex(32))'`) and supply it from a Secret.",
  references: ['https://airflow.apache.org/docs/apache-airflow/stable/configurations-ref.html#secret-key', 'https://nvd.nist.gov/vuln/detail/CVE-2020-17526', NIST_190('4.1.4')],
  tags: ["ml-platform", "airflow", "secrets"],
});
