import { truthy } from '../../knowledge/ml-services/values.js';
import { NIST_190, serviceRule } from './support.js';

const PSS_RESTRICTED = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted';

export default serviceRule({
  id: 'platform/jupyterhub-singleuser-root',
  title: 'JupyterHub user servers run as root or may escalate',
  severity: 'high',
  description:
    "JupyterHub spawns one pod per user; a notebook user runs arbitrary code there by design. `singleuser.uid: 0` / `KubeSpawner.uid = 0` makes that code " +
    'root, `singleuser.allowPrivilegeEscalation: true` / `KubeSpawner.allow_privilege_escalation = True` lets it become root through setuid binaries (sudo), ' +
    'and `GRANT_SUDO=yes` in the user environment (docker-stacks images) gives passwordless sudo. Root in a user pod with GPUs, hostPath datasets or ' +
    'cloud credentials is one kernel or runtime bug away from the node (Pod Security Standards restricted; NIST SP 800-190 §4.4.3). The generic k8s/* ' +
    'rules cannot see these pods: the hub creates them at run time.',
  remediation:
    'Keep the chart defaults (`singleuser.uid: 1000`, `allowPrivilegeEscalation: false`), drop `GRANT_SUDO`, and install packages into the image or a ' +
    "user-writable environment instead of granting root.",
  references: [PSS_RESTRICTED, NIST_190('4.4.3'), 'https://z2jh.jupyter.org/en/stable/resources/reference.html#singleuser-allowprivilegeescalation', 'https://jupyter-docker-stacks.readthedocs.io/en/latest/using/common.html#permission-specific-configurations'],
  tags: ['ml-platform', 'jupyterhub', 'root'],
}, [
  { service: 'jupyterhub', setting: 'spawnerUid', when: (v) => v.trim() === '0', message: () => 'JupyterHub starts user servers as uid 0 (root): every notebook user is root in a pod that may hold GPUs, mounted datasets and credentials' },
  { service: 'jupyterhub', setting: 'allowPrivilegeEscalation', when: truthy, message: () => 'JupyterHub user pods allow privilege escalation (setuid / sudo inside the notebook container)' },
  { service: 'jupyterhub', setting: 'grantSudo', when: truthy, message: () => 'JupyterHub user servers get GRANT_SUDO: every notebook user can become root in the container' },
]);
