import type { IInstanceTypeList, IStatus } from '../tokens';

/** A status as the server reports it on a CPU-only host. */
export const STATUS: IStatus = {
  version: '0.1.0',
  user: 'root',
  domain: 'd-default',
  space: 'default',
  store: {
    dialect: 'sqlite',
    url: 'sqlite:////tmp/mlstudio.db',
    revision: '0001'
  },
  object_store: {
    default_root: 'file:///tmp/mlstudio/objects',
    schemes: ['file', 's3'],
    s3_endpoint_url: null
  },
  backends: [
    {
      name: 'process',
      available: true,
      reason: null,
      detail: 'Python 3.11.7',
      warnings: []
    },
    {
      name: 'docker',
      available: false,
      reason: 'No Docker engine',
      detail: null,
      warnings: []
    }
  ],
  host: { cpus: 2, memory_bytes: 25276510208, gpus: [] },
  workspace_root: '/home/jovyan/work',
  default_image: 'default',
  aws: null,
  capacity: {
    memory_bytes: 23129026560,
    memory_reserved_bytes: 0,
    gpus: [],
    gpus_reserved: [],
    cpus: 2,
    vcpus_reserved: 0,
    reservations: []
  }
};

/** Part of the catalogue on the same host. */
export const CATALOGUE: IInstanceTypeList = {
  default: 'local',
  instance_types: [
    {
      name: 'ml.m5.large',
      family: 'm5',
      description: '2 vCPU, 8 GiB',
      vcpus: 2,
      memory_gib: 8,
      gpus: 0,
      gpu_name: null,
      available: true,
      reason: null,
      effective_vcpus: 2,
      note: null,
      local: false
    },
    {
      name: 'ml.g5.xlarge',
      family: 'g5',
      description: '4 vCPU, 16 GiB, 1 GPU (NVIDIA A10G)',
      vcpus: 4,
      memory_gib: 16,
      gpus: 1,
      gpu_name: 'NVIDIA A10G',
      available: false,
      reason: 'needs 1 GPU; this host has none',
      effective_vcpus: 2,
      note: "runs on this host's 2 CPUs instead of 4 vCPUs",
      local: false
    },
    {
      name: 'local',
      family: 'local',
      description: 'This machine, as in SageMaker local mode.',
      vcpus: 2,
      memory_gib: 23.54,
      gpus: 0,
      gpu_name: null,
      available: true,
      reason: null,
      effective_vcpus: 2,
      note: null,
      local: true
    }
  ]
};
