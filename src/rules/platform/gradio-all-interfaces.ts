import { isAll } from '../../knowledge/ml-services/values.js';
import { ATLAS, serviceRule } from './support.js';

export default serviceRule({
  id: 'platform/gradio-all-interfaces',
  title: 'Gradio app listens on all interfaces (GRADIO_SERVER_NAME)',
  severity: 'medium',
  description:
    '`GRADIO_SERVER_NAME=0.0.0.0` in a Dockerfile, compose file or pod makes every Gradio app in the image listen on all interfaces. Gradio ' +
    'has no login unless the code passes `auth=` to `launch()` (or mounts the app behind an `auth_dependency`), which is not visible from the ' +
    'deployment: anyone who reaches the port uses the model and the GPU behind it, and Gradio\'s file-serving CVEs (arbitrary file read, SSRF) ' +
    'need no login. Reported only where that network is reachable (published ports, host network, images whose deployment is unknown); the ' +
    'code-level `launch(server_name="0.0.0.0")` without `auth=` is code/gradio-public-launch.',
  remediation:
    'Bind to 127.0.0.1 behind an authenticating reverse proxy, or make sure the app passes `auth=` (a credentials callback) to `launch()`; ' +
    'publish compose ports as `127.0.0.1:7860:7860`.',
  references: ['https://www.gradio.app/guides/environment-variables', 'https://www.gradio.app/guides/sharing-your-app#authentication', ATLAS('AML.T0049')],
  tags: ['ml-platform', 'gradio', 'exposure'],
}, [
  { service: 'gradio', setting: 'serverName', when: isAll, bind: true, message: (v) => `GRADIO_SERVER_NAME=${v.trim()}: the Gradio app listens on all interfaces, and Gradio has no login unless the code passes auth= to launch() (or mounts it behind an auth_dependency)` },
]);
