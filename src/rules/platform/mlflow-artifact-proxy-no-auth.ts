import { mlflowArtifactsOnly, mlflowListens, mlflowServesArtifacts } from './mlflow-server.js';
import { ATLAS, NIST_190, serviceRule, type SettingQuery } from './support.js';

export default serviceRule({
  id: 'platform/mlflow-artifact-proxy-no-auth',
  title: 'MLflow artifact proxy served without authentication',
  severity: 'high',
  description:
    "`mlflow server` proxies artifact upload, download, list and delete requests (`/api/2.0/mlflow-artifacts/...`) to the store named by " +
    "`--artifacts-destination` (or MLFLOW_ARTIFACTS_DESTINATION) — on by default since MLflow 2.0 (`--serve-artifacts`) — or runs as a dedicated " +
    "artifact server (`--artifacts-only`), and listens beyond localhost without `--app-name basic-auth`. The proxy uses the server's own " +
    "credentials for the bucket (S3, GCS, Azure, HDFS): anyone who reaches the port replaces model files that deployments later load (model " +
    "poisoning, and pickle-based flavors run code when loaded), deletes them, or reads every logged artifact. The artifact endpoints also carry " +
    "a line of path-traversal CVEs (CVE-2023-6831, CVE-2024-1560: arbitrary file deletion on the server). Reported on the flag or env that names the " +
    "destination (or on `--artifacts-only`); the default local destination is covered by platform/mlflow-no-auth. Severity follows exposure: " +
    "outside the cluster critical, ClusterIP only medium.",
  remediation:
    'Start the server with `--app-name basic-auth` (and change the default admin password) or put it behind an authenticating proxy; give the ' +
    'server credentials scoped to the artifact prefix only; or run with `--no-serve-artifacts` and let clients reach the store with their own ' +
    'credentials. Keep MLflow current.',
  references: [
    'https://mlflow.org/docs/latest/ml/tracking/server/',
    'https://mlflow.org/docs/latest/self-hosting/security/basic-http-auth/',
    'https://nvd.nist.gov/vuln/detail/CVE-2023-6831',
    'https://nvd.nist.gov/vuln/detail/CVE-2024-1560',
    NIST_190('4.3.2'),
    ATLAS('AML.T0010'),
  ],
  tags: ['ml-platform', 'mlflow', 'authentication', 'artifacts'],
}, [
  { service: 'mlflow', auth: true, test: artifactProxyWithoutAuth },
]);

/** Remote artifact stores the server reaches with its own credentials (scheme -> provider named in the message). */
const CLOUD_STORE = /^(s3|gs|wasbs?|abfss?|oss|hdfs|viewfs|dbfs|ftp|sftp):/i;
const CLOUD_NAMES: Record<string, string> = { s3: 'S3', gs: 'GCS', wasb: 'Azure Blob', wasbs: 'Azure Blob', abfs: 'Azure Data Lake', abfss: 'Azure Data Lake', oss: 'Alibaba OSS', hdfs: 'HDFS', viewfs: 'HDFS', dbfs: 'Databricks', ftp: 'FTP', sftp: 'SFTP' };

function artifactProxyWithoutAuth(q: SettingQuery) {
  if (!mlflowListens(q) || q.get('appName')) return undefined;
  if (!mlflowServesArtifacts(q)) return undefined;
  const only = mlflowArtifactsOnly(q);
  const dest = q.get('artifactsDestination');
  // The proxy with its default destination (./mlartifacts on the server's disk) is covered by platform/mlflow-no-auth.
  if (!only && !dest?.value.trim()) return undefined;
  const scheme = dest ? CLOUD_STORE.exec(dest.value.trim())?.[1].toLowerCase() : undefined;
  const cloud = scheme ? [scheme, CLOUD_NAMES[scheme] ?? scheme] : null;
  const where = dest?.value.trim() ? `'${dest.value.trim()}'` : 'its artifact store';
  return {
    at: dest?.value.trim() ? dest : only,
    message: `MLflow ${only ? 'artifact server (--artifacts-only)' : 'tracking server'} proxies artifact upload, download, list and delete to ${where}${cloud ? ` with the server's own ${cloud[1]} credentials` : ''}, without \`--app-name basic-auth\`: anyone who reaches it replaces model files (model poisoning), deletes them or reads every logged artifact`,
  };
}
