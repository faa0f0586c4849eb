import { ATLAS, serviceRule } from './support.js';

export default serviceRule({
  id: 'platform/airflow-open-auth-backend',
  title: "Airflow API open or on default credentials",
  severity: 'high',
  description:
    "The API auth backend `airflow.api.auth.backend.default` accepts every request without authentication (trigger DAGs = run code on workers), or the admin user is created with the default password from the quick-start compose file. Exposed outside: critical.",
  remediation: "Use `airflow.api.auth.backend.session` / basic_auth with real users (or the FAB/SimpleAuth manager with SSO) and never create users with default passwords.",
  references: ['https://airflow.apache.org/docs/apache-airflow-providers-fab/stable/auth-manager/api-authentication.html', 'https://nvd.nist.gov/vuln/detail/CVE-2020-13927', ATLAS('AML.T0049')],
  tags: ["ml-platform", "airflow", "authentication"],
}, [
  { service: 'airflow', setting: 'authBackends', when: (v) => /airflow\.api\.auth\.backend\.default\b/.test(v), auth: true, message: () => 'Airflow API auth backend `airflow.api.auth.backend.default` allows every request without authentication' },
  { service: 'airflow', setting: 'wwwUserPassword', when: (v) => ['airflow', 'admin', 'password'].includes(v.trim()), auth: true, message: (v) => `Airflow admin user is created with the default password '${v.trim()}'` },
]);
