import { enabled } from '../../knowledge/ml-services/values.js';
import { ATLAS, serviceRule } from './support.js';

export default serviceRule({
  id: 'platform/torchserve-token-auth-disabled',
  title: "TorchServe token authorization disabled",
  severity: 'high',
  description:
    "`disable_token_authorization=true` / `--disable-token-auth` / `TS_DISABLE_TOKEN_AUTHORIZATION=true` turns off the token authorization TorchServe enables by default since 0.11: inference and management APIs accept anyone. Exposed outside: critical.",
  remediation: "Keep token authorization on and distribute the keys from `key_file.json` through a Secret.",
  references: ['https://github.com/pytorch/serve/blob/master/docs/token_authorization_api.md', ATLAS('AML.T0049')],
  tags: ["ml-platform", "torchserve", "authentication"],
}, [
  { service: 'torchserve', setting: 'disableTokenAuth', when: enabled, auth: true, message: () => 'TorchServe token authorization is disabled: inference and management APIs accept anyone' },
]);
