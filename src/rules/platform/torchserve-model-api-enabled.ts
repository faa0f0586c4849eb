import { enabled } from '../../knowledge/ml-services/values.js';
import { ATLAS, serviceRule } from './support.js';

export default serviceRule({
  id: 'platform/torchserve-model-api-enabled',
  title: "TorchServe model registration API enabled",
  severity: 'high',
  description:
    "`enable_model_api=true` / `--enable-model-api` re-enables registering models over the management API (off by default since 0.11). A .mar archive contains a Python handler: registering one runs attacker code in the server.",
  remediation: "Leave the model API off and load models from a read-only model store at startup (`load_models`).",
  references: ['https://github.com/pytorch/serve/blob/master/docs/model_api_control.md', 'https://nvd.nist.gov/vuln/detail/CVE-2023-43654', ATLAS('AML.T0010')],
  tags: ["ml-platform", "torchserve"],
}, [
  { service: 'torchserve', setting: 'enableModelApi', when: enabled, message: () => 'TorchServe model registration API is enabled: anyone with management access loads a .mar (arbitrary code)' },
]);
