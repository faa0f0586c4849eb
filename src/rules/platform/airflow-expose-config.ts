import { truthy } from '../../knowledge/ml-services/values.js';
import { serviceRule } from './support.js';

export default serviceRule({
  id: 'platform/airflow-expose-config',
  title: "Airflow exposes its configuration",
  severity: 'medium',
  description:
    "`expose_config = True` shows the whole configuration \u2014 database URLs with passwords, secret keys \u2014 in the UI and API to every logged-in user.",
  remediation: "Set `expose_config = False` (or `non-sensitive-only`).",
  references: ['https://airflow.apache.org/docs/apache-airflow/stable/configurations-ref.html#expose-config'],
  tags: ["ml-platform", "airflow", "information-disclosure"],
}, [
  { service: 'airflow', setting: 'exposeConfig', when: truthy, message: () => 'Airflow expose_config is on: the UI/API shows the full configuration, including secrets and connection strings' },
]);
