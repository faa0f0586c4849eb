import { NIST_190, serviceRule } from './support.js';

export default serviceRule({
  id: 'platform/airflow-empty-fernet-key',
  title: "Airflow fernet_key is empty",
  severity: 'medium',
  description:
    "With an empty `fernet_key` Airflow stores connection passwords and variables in the metadata database unencrypted; anyone with database or backup access reads every credential the pipelines use (model registries, cloud storage).",
  remediation: "Generate a Fernet key (`python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'`) and provide it from a Secret.",
  references: ['https://airflow.apache.org/docs/apache-airflow/stable/security/secrets/fernet.html', NIST_190('4.1.4')],
  tags: ["ml-platform", "airflow", "secrets"],
}, [
  { service: 'airflow', setting: 'fernetKey', when: (v) => v.trim() === '', message: () => 'Airflow fernet_key is empty: connection passwords and variables are stored unencrypted in the metadata database' },
]);
