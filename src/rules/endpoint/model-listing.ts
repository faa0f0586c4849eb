import { observationRule } from './support.js';

export default observationRule(
  {
    id: 'endpoint/model-listing',
    title: "Model server lists its models and versions to anyone",
    severity: 'low',
    description:
      "The service discloses which models, versions and revisions it serves without authentication. This is reconnaissance for model extraction and for matching a deployed model against known weaknesses (ATLAS AML.T0007 Discover ML Artifacts).",
    remediation:
      "Put model listing and metadata endpoints behind the same authentication as inference, or block them at the gateway when clients do not need them.",
    references: ["https://atlas.mitre.org/techniques/AML.T0007", "https://cwe.mitre.org/data/definitions/200.html"],
    tags: ["endpoint", "serving", "information-disclosure"],
  },
  'model-listing',
);
