import { truthy } from '../../knowledge/ml-services/values.js';
import { ATLAS, serviceRule } from './support.js';

export default serviceRule({
  id: 'platform/gradio-share',
  title: "Gradio app published through a public share link",
  severity: 'high',
  description:
    "`GRADIO_SHARE=true` (or `share=True`) opens a public `*.gradio.live` tunnel to the app: it becomes reachable from the internet regardless of Services, NetworkPolicies or firewalls, usually without `auth`.",
  remediation: "Unset GRADIO_SHARE; expose the app through your own ingress with authentication (`auth=` or an OAuth proxy).",
  references: ['https://www.gradio.app/guides/sharing-your-app', ATLAS('AML.T0049')],
  tags: ["ml-platform", "gradio", "exposure"],
}, [
  { service: 'gradio', setting: 'share', when: truthy, message: () => 'GRADIO_SHARE is on: the app is published through a public *.gradio.live tunnel, bypassing every network control' },
]);
