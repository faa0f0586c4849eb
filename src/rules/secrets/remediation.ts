// Remediation texts shared by the detectors of one family of credentials.

/** Cloud account keys: the most powerful keys a repository or image leaks. */
export const ROTATE_CLOUD_KEY = 'Deactivate and delete the key in the cloud console now (assume it was used), review the audit log (CloudTrail, Cloud Audit Logs, Azure Activity Log) for its use, and switch to short-lived credentials: workload identity / instance roles / OIDC federation instead of static keys in files, images or notebooks.';

/** Developer platform tokens: source hosting, registries, chat, payments. */
export const REVOKE_DEV_TOKEN = 'Revoke the token now (assume it was copied) and issue a new one with the narrowest scope and an expiry; load it at run time from a secret store. Remove it from git history and from image layers (a later `rm` does not remove it from the earlier layer).';

/** ML and AI platform credentials: model hubs, inference APIs, experiment trackers, vector stores. */
export const REVOKE_ML_CREDENTIAL = 'Revoke the credential at the provider now (assume it was copied), issue a new one, and load it at run time from an environment variable or a secret manager instead of the file. Remove it from history (git filter-repo) and clear notebook outputs before committing (`jupyter nbconvert --clear-output`, nbstripout).';
