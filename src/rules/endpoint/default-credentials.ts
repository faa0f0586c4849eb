import { observationRule, type Judge } from './support.js';
import type { RuleMeta } from '../../core/types.js';

const meta: RuleMeta = {
  id: 'endpoint/default-credentials',
  title: "Service accepts its documented default credentials",
  severity: 'critical',
  description:
    "The service accepted the username and password its own documentation ships as the default (for example MLflow's basic-auth `admin`/`password1234`). Default credentials are the first thing attackers try. mlwarden only checks this when asked (`--check-default-credentials`) and tries exactly one documented pair per service \u2014 never a list.",
  remediation:
    "Change the default administrator password immediately (MLflow: `mlflow server --app-name basic-auth` reads `admin_password` from the auth config file; Airflow: remove the `airflow`/`airflow` user), and rotate any secret the service holds.",
  references: ["https://cwe.mitre.org/data/definitions/1392.html", "https://attack.mitre.org/techniques/T1078/001/", "https://mlflow.org/docs/latest/auth/index.html"],
  tags: ["endpoint", "authentication", "credentials"],
};

// The password is never shown: the user name and the documentation source are enough to act on.
const judge: Judge<'default-credentials'> = (o, _facts, service) => ({
  message: `${service?.name} accepts its documented default credentials (user '${o.extra.username}')`,
});

export default observationRule(meta, 'default-credentials', judge);
