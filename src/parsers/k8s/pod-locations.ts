// Where each kind keeps its pod templates. General scanners know the core workloads; ML custom
// resources (KubeRay, Kubeflow, KServe, JobSet, LeaderWorkerSet, Argo) hide pod templates deeper,
// which is why a privileged GPU worker inside a RayCluster goes unseen. Adding a kind is one line.
// '*' matches every array element or map key at that level.

export type PathPattern = Array<string | number>;

export type LocationForm =
  /** A PodTemplateSpec: `metadata` + `spec` (the pod spec is at path + 'spec'). */
  | 'template'
  /** A PodSpec directly (containers, volumes, ...), pod labels unknown. */
  | 'spec'
  /** A KServe component: pod-spec fields plus framework blocks that are containers themselves. */
  | 'kserve-component'
  /** An Argo workflow spec: templates[*] with container / script / containerSet / sidecars. */
  | 'argo'
  /** A Kubeflow Trainer v2 TrainJob: `trainer` is a container, `podSpecOverrides[*]` partial pod specs. */
  | 'trainjob';

export interface PodLocation {
  path: PathPattern;
  form: LocationForm;
}

const t = (...path: PathPattern): PodLocation => ({ path, form: 'template' });
const trainingJob = (replicaKey: string): PodLocation[] => [t('spec', replicaKey, '*', 'template')];
const rayCluster = (...prefix: string[]): PodLocation[] => [
  t(...prefix, 'headGroupSpec', 'template'),
  t(...prefix, 'workerGroupSpecs', '*', 'template'),
];

export const POD_LOCATIONS: Record<string, PodLocation[]> = {
  Pod: [t()],
  PodTemplate: [t('template')],
  Deployment: [t('spec', 'template')],
  ReplicaSet: [t('spec', 'template')],
  ReplicationController: [t('spec', 'template')],
  StatefulSet: [t('spec', 'template')],
  DaemonSet: [t('spec', 'template')],
  Job: [t('spec', 'template')],
  CronJob: [t('spec', 'jobTemplate', 'spec', 'template')],
  // KubeRay (ray.io/v1)
  RayCluster: rayCluster('spec'),
  RayJob: [...rayCluster('spec', 'rayClusterSpec'), t('spec', 'submitterPodTemplate')],
  RayService: rayCluster('spec', 'rayClusterConfig'),
  // Kubeflow notebooks and Training Operator (kubeflow.org/v1)
  Notebook: [t('spec', 'template')],
  PyTorchJob: trainingJob('pytorchReplicaSpecs'),
  TFJob: trainingJob('tfReplicaSpecs'),
  MPIJob: trainingJob('mpiReplicaSpecs'),
  XGBoostJob: trainingJob('xgbReplicaSpecs'),
  PaddleJob: trainingJob('paddleReplicaSpecs'),
  JAXJob: trainingJob('jaxReplicaSpecs'),
  MXJob: trainingJob('mxReplicaSpecs'),
  // Kubeflow Trainer v2 (trainer.kubeflow.org): runtimes are JobSet templates
  TrainJob: [{ path: ['spec'], form: 'trainjob' }],
  TrainingRuntime: [t('spec', 'template', 'spec', 'replicatedJobs', '*', 'template', 'spec', 'template')],
  ClusterTrainingRuntime: [t('spec', 'template', 'spec', 'replicatedJobs', '*', 'template', 'spec', 'template')],
  // JobSet and LeaderWorkerSet (multi-host training / inference)
  JobSet: [t('spec', 'replicatedJobs', '*', 'template', 'spec', 'template')],
  LeaderWorkerSet: [t('spec', 'leaderWorkerTemplate', 'leaderTemplate'), t('spec', 'leaderWorkerTemplate', 'workerTemplate')],
  // KServe (serving.kserve.io)
  InferenceService: [
    { path: ['spec', 'predictor'], form: 'kserve-component' },
    { path: ['spec', 'transformer'], form: 'kserve-component' },
    { path: ['spec', 'explainer'], form: 'kserve-component' },
  ],
  ServingRuntime: [{ path: ['spec'], form: 'spec' }],
  ClusterServingRuntime: [{ path: ['spec'], form: 'spec' }],
  // Argo Workflows
  Workflow: [{ path: ['spec'], form: 'argo' }],
  WorkflowTemplate: [{ path: ['spec'], form: 'argo' }],
  ClusterWorkflowTemplate: [{ path: ['spec'], form: 'argo' }],
  CronWorkflow: [{ path: ['spec', 'workflowSpec'], form: 'argo' }],
};

/** KServe framework blocks: each is a container (image/args/env/resources) with a storageUri. */
export const KSERVE_FRAMEWORKS = [
  'model', 'sklearn', 'xgboost', 'tensorflow', 'pytorch', 'triton', 'onnx', 'pmml', 'lightgbm', 'paddle', 'huggingface',
  'alibi', 'art',
];

/** Kinds that never carry pod specs: the fallback search for containers skips them. */
export const NON_WORKLOAD_KINDS = new Set([
  'Service', 'Ingress', 'ConfigMap', 'Secret', 'Namespace', 'ResourceQuota', 'LimitRange', 'NetworkPolicy', 'ServiceAccount',
  'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'PersistentVolume', 'PersistentVolumeClaim', 'StorageClass',
  'CustomResourceDefinition', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'PriorityClass', 'RuntimeClass', 'Endpoints',
  'EndpointSlice', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'APIService', 'IngressClass', 'Gateway',
  'HTTPRoute', 'VirtualService', 'AuthorizationPolicy', 'PeerAuthentication', 'DestinationRule', 'ServiceMonitor', 'PodMonitor',
]);
