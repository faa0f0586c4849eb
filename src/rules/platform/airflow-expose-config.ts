import { issueRule } from './support.js';

export default issueRule({
  id: 'platform/airflow-expose-config',
  title: "Airflow exposes its configuration",
  severity: 'medium',
  description:
    "`expose_config = True` shows the whole configuration \u2014 database URLs with passwords, secret keys \u2014 in the UI and API to every logged-in user.",
  remediation: "Set `expose_config = False` (or `non-sensitive-only`).",
  references: ['https://airflow.apache.org/docs/apache-airflow/stable/configurations-ref.html#expose-config'],
  tags: ["ml-platform", "airflow", "information-disclosure"],
});
