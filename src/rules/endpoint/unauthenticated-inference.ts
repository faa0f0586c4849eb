import { observationRule } from './support.js';

export default observationRule(
  {
    id: 'endpoint/unauthenticated-inference',
    title: "Model inference endpoint has no authentication",
    severity: 'medium',
    description:
      "The model server answers inference requests from anyone who can reach it. Open inference lets outsiders spend your GPUs, query the model at will (ATLAS AML.T0040 ML Model Inference API Access) to extract or invert it, and probe it for jailbreaks or training-data leakage.",
    remediation:
      "Require an API key or token on the inference API (vLLM `--api-key`, TorchServe token authorization, an authenticating gateway or service mesh policy for Triton, TF Serving, KServe and TGI) and expose it only to the clients that need it.",
    references: ["https://atlas.mitre.org/techniques/AML.T0040", "https://atlas.mitre.org/techniques/AML.T0024", "https://cwe.mitre.org/data/definitions/306.html", "https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/"],
    tags: ["endpoint", "serving", "authentication"],
  },
  'inference',
);
