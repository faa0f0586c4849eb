import { checkRule, type CheckVerdicts } from './support.js';
import type { RuleMeta } from '../../core/types.js';

const meta: RuleMeta = {
  id: 'endpoint/unauthenticated-app',
  title: "ML demo app is served without authentication",
  severity: 'low',
  description:
    "A Gradio or Streamlit app answers without any login. Every function the app wires to the model (and every file it can read) is callable by anyone who finds the URL, often directly through its API rather than the UI.",
  remediation:
    "If the app is not meant to be public, enable authentication (Gradio `launch(auth=...)` or OAuth, an authenticating proxy in front of Streamlit) and keep it off public interfaces.",
  references: ["https://www.gradio.app/guides/sharing-your-app#authentication", "https://cwe.mitre.org/data/definitions/306.html", "https://atlas.mitre.org/techniques/AML.T0040"],
  tags: ["endpoint", "app", "authentication"],
};

// Each row: a fingerprint check whose answer shows a demo app serving without a login.
export const VERDICTS: CheckVerdicts = {
  'gradio:gradio-api': {
    severity: 'low',
    message: 'Gradio app without authentication: every API endpoint it lists can be called by anyone',
  },
  'gradio:gradio-api-v4': {
    severity: 'low',
    message: 'Gradio app without authentication: every API endpoint it lists can be called by anyone',
  },
  'streamlit:streamlit-app': {
    severity: 'low',
    message: 'Streamlit app is reachable without authentication (Streamlit has none built in)',
  },
};

export default checkRule(meta, VERDICTS);
