import { NIST_190, serviceRule } from './support.js';

export default serviceRule({
  id: 'platform/mlflow-default-admin-password',
  title: "MLflow basic-auth admin password is the shipped default",
  severity: 'critical',
  description:
    "The MLflow basic-auth configuration (or the client credentials) uses `password1234`, the default admin password in MLflow's shipped `basic_auth.ini`. Anyone who knows MLflow knows it: full admin access to every experiment and registered model.",
  remediation: "Set a strong `admin_password` in the auth config before first start (or change it with the MLflow auth API) and keep it in a Secret.",
  references: ['https://github.com/mlflow/mlflow/blob/master/mlflow/server/auth/basic_auth.ini', 'https://mlflow.org/docs/latest/self-hosting/security/basic-http-auth/', NIST_190('4.1.4')],
  tags: ["ml-platform", "mlflow", "default-credentials"],
}, [
  { service: 'mlflow', setting: 'adminPassword', when: (v) => v.trim() === 'password1234', message: () => 'MLflow basic-auth admin password is the shipped default `password1234`' },
]);
