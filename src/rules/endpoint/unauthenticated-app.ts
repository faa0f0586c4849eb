import { observationRule } from './support.js';

export default observationRule(
  {
    id: 'endpoint/unauthenticated-app',
    title: "ML demo app is served without authentication",
    severity: 'low',
    description:
      "A Gradio or Streamlit app answers without any login. Every function the app wires to the model (and every file it can read) is callable by anyone who finds the URL, often directly through its API rather than the UI.",
    remediation:
      "If the app is not meant to be public, enable authentication (Gradio `launch(auth=...)` or OAuth, an authenticating proxy in front of Streamlit) and keep it off public interfaces.",
    references: ["https://www.gradio.app/guides/sharing-your-app#authentication", "https://cwe.mitre.org/data/definitions/306.html", "https://atlas.mitre.org/techniques/AML.T0040"],
    tags: ["endpoint", "app", "authentication"],
  },
  'app',
);
