import { truthy } from '../../knowledge/ml-services/values.js';
import { ATLAS, serviceRule } from './support.js';

export default serviceRule({
  id: 'platform/kfp-custom-visualizations',
  title: 'Kubeflow Pipelines UI allows custom (Python) visualizations',
  severity: 'medium',
  description:
    '`ALLOW_CUSTOM_VISUALIZATIONS=true` on the Pipelines UI (`ml-pipeline-ui`) lets any user of the UI submit Python source as a "custom ' +
    'visualization"; the visualization server (`ml-pipeline-visualizationserver`) executes it through nbconvert — code execution in the cluster ' +
    'with that pod\'s service account and network reach, by design. The upstream standalone manifests set it to "true"; with a UI that has no ' +
    'authentication (single-user KFP) it is reachable by whoever reaches the UI.',
  remediation:
    'Remove ALLOW_CUSTOM_VISUALIZATIONS (or set it to false) unless every UI user is trusted to run code in the cluster; if needed, isolate the ' +
    'visualization server with a NetworkPolicy and a service account without permissions.',
  references: [
    'https://www.kubeflow.org/docs/components/pipelines/legacy-v1/sdk/python-based-visualizations/',
    'https://github.com/kubeflow/pipelines/blob/master/manifests/kustomize/base/pipeline/ml-pipeline-ui-deployment.yaml',
    ATLAS('AML.T0011'),
  ],
  tags: ['ml-platform', 'kubeflow', 'code-execution'],
}, [
  { service: 'kfp-ui', setting: 'allowCustomVisualizations', when: truthy, message: () => 'Kubeflow Pipelines UI has ALLOW_CUSTOM_VISUALIZATIONS=true: anyone who can use the UI submits Python source that the visualization server executes (code execution in the cluster, with that pod\'s service account and network)' },
]);
