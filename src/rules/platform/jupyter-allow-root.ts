import { enabled } from '../../knowledge/ml-services/values.js';
import { NIST_190, serviceRule } from './support.js';

export default serviceRule({
  id: 'platform/jupyter-allow-root',
  title: "Jupyter runs as root (--allow-root)",
  severity: 'medium',
  description:
    "`--allow-root` / `allow_root = True` runs the notebook server and every kernel and terminal as root in the container; any notebook user (or anyone who reaches an unauthenticated server) gets root, and with it every writable hostPath and device (NIST SP 800-190 \u00a74.4.3).",
  remediation: "Run the server as an unprivileged user (docker-stacks images use jovyan, uid 1000) and drop `--allow-root`.",
  references: ['https://jupyter-server.readthedocs.io/en/latest/other/full-config.html', NIST_190('4.4.3')],
  tags: ["ml-platform", "jupyter", "root"],
}, [
  { service: 'jupyter', setting: 'allowRoot', when: enabled, message: () => 'Jupyter runs with allow_root: kernels and terminals run as root' },
]);
