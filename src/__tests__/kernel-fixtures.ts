import type {
  ICheckedProfile,
  IImageEntry,
  IImageVersion,
  IKernelProfiles,
  IKernelUsage,
  ImageVersionStatus
} from '../tokens';

/** What the pickers list on a CPU-only host with two CPUs. */
export const PROFILES: IKernelProfiles = {
  images: [
    {
      name: 'default',
      display_name: 'The server environment',
      kind: 'local',
      version: 1,
      kernel_names: { python3: 'mlstudio-default-python3' },
      available: true,
      reason: null
    },
    {
      name: 'sklearn',
      display_name: 'scikit-learn 1.5',
      kind: 'docker',
      version: 3,
      kernel_names: { python3: 'mlstudio-sklearn-python3' },
      available: true,
      reason: null
    },
    {
      name: 'torch',
      display_name: null,
      kind: null,
      version: null,
      kernel_names: {},
      available: false,
      reason: 'no version has been validated yet'
    }
  ],
  instance_types: [
    {
      name: 'ml.t3.medium',
      description: '2 vCPU, 4 GiB',
      vcpus: 2,
      nominal_vcpus: 2,
      memory_gib: 4,
      gpus: 0,
      available: true,
      reason: null,
      idle_timeout_minutes: 60
    },
    {
      name: 'ml.g5.xlarge',
      description: '4 vCPU, 16 GiB, 1 GPU (NVIDIA A10G)',
      vcpus: 2,
      nominal_vcpus: 2,
      memory_gib: 16,
      gpus: 1,
      available: false,
      reason: 'needs 1 GPU; this host has none',
      idle_timeout_minutes: 0
    },
    {
      name: 'local',
      description: 'This machine, without limits.',
      vcpus: 2,
      nominal_vcpus: 2,
      memory_gib: 23.54,
      gpus: 0,
      available: true,
      reason: null,
      idle_timeout_minutes: 0
    }
  ],
  default_image: 'default',
  default_instance_type: 'local'
};

/** The server's answer to a profile check that passes. */
export function checked(
  image: string,
  instanceType: string,
  spec = 'python3'
): ICheckedProfile {
  return {
    image,
    instance_type: instanceType,
    kernel_name: `mlstudio-${image}-${spec}`,
    display_name: `Python 3 (${image}, ${instanceType})`,
    cpus: 2,
    memory_bytes: instanceType === 'local' ? null : 4 * 1024 ** 3,
    gpus: 0
  };
}

/** A kernel's usage: 35% of one CPU on ml.t3.medium, 210 MiB of its 4 GiB. */
export function usage(changes: Partial<IKernelUsage> = {}): IKernelUsage {
  return {
    kernel_id: 'k-1',
    image: 'sklearn',
    image_version: 3,
    kind: 'docker',
    instance_type: 'ml.t3.medium',
    cpus: 2,
    memory_bytes: 4 * 1024 ** 3,
    gpus: 0,
    cpu_percent: 35,
    cpu_limit_percent: 200,
    memory_used_bytes: 210 * 1024 ** 2,
    memory_limit_bytes: 4 * 1024 ** 3,
    idle_timeout_minutes: 60,
    uptime_seconds: 120,
    last_exit: null,
    ...changes
  };
}

const CREATED = Date.UTC(2024, 10, 22, 6, 0, 0);

/** One version of an image. */
export function imageVersion(
  image: string,
  version: number,
  status: ImageVersionStatus = 'CREATED',
  changes: Partial<IImageVersion> = {}
): IImageVersion {
  return {
    image_name: image,
    version,
    image_version_arn: `arn:aws:sagemaker:us-east-1:000000000000:image-version/${image}/${version}`,
    image_arn: `arn:aws:sagemaker:us-east-1:000000000000:image/${image}`,
    base_image: `mlstudio/${image}:${version}`,
    container_image: null,
    kind: 'docker',
    image_version_status: status,
    failure_reason: null,
    aliases: [],
    details:
      status === 'CREATED'
        ? {
            python: '3.11.7',
            arch: 'x86_64',
            ipykernel: '6.29.5',
            kernel_specs: ['python3']
          }
        : {},
    creation_time: CREATED + version * 60_000,
    last_modified_time: CREATED + version * 60_000,
    ...changes
  };
}

/** An image with its versions, newest first. */
export function imageEntry(
  name: string,
  versions: IImageVersion[] = [],
  changes: Partial<IImageEntry['image']> = {}
): IImageEntry {
  return {
    image: {
      image_name: name,
      image_arn: `arn:aws:sagemaker:us-east-1:000000000000:image/${name}`,
      image_status: 'CREATED',
      display_name: null,
      description: null,
      creation_time: CREATED,
      last_modified_time: CREATED,
      ...changes
    },
    versions,
    config: {
      name: `${name}-config`,
      arn: `arn:aws:sagemaker:us-east-1:000000000000:app-image-config/${name}-config`,
      kernel_specs: [{ name: 'python3', display_name: 'Python 3' }],
      mount_path: '',
      uid: 0,
      gid: 0,
      creation_time: CREATED,
      last_modified_time: CREATED
    }
  };
}
