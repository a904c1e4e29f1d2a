import { KernelProfilesModel } from '../models/kernel-profiles-model';
import {
  NotebookProfileModel,
  sageMakerProfile
} from '../models/notebook-profile-model';
import { studioKernelFor } from '../widgets/notebook-kernel-handle';
import { FakeNotebook, profileModel } from './notebook-profile-fixtures';

describe('NotebookProfileModel', () => {
  let notebook: FakeNotebook;
  let profiles: KernelProfilesModel;
  let model: NotebookProfileModel;

  beforeEach(async () => {
    jest.useFakeTimers();
    notebook = new FakeNotebook();
    ({ model, profiles } = await profileModel(notebook));
  });

  afterEach(() => {
    model.dispose();
    profiles.dispose();
    jest.useRealTimers();
  });

  describe('current', () => {
    it("is the notebook's metadata when it has some", () => {
      notebook.stored = { image: 'sklearn', instance_type: 'ml.t3.medium' };

      expect(model.current).toEqual({
        image: 'sklearn',
        instance_type: 'ml.t3.medium'
      });
    });

    it("falls back on the kernel's image and the server's default type", () => {
      notebook.kernelName = 'mlstudio-sklearn-python3';

      expect(model.current).toEqual({
        image: 'sklearn',
        instance_type: 'local'
      });
      expect(model.isMLStudioKernel).toBe(true);
      expect(model.kernelSpecProfile?.spec).toBe('python3');
    });

    it('is what a SageMaker Studio notebook says, in its image when registered here', () => {
      notebook.kernelName = null;
      notebook.sageMaker = { image: 'sklearn', instance_type: 'ml.t3.medium' };

      expect(model.current).toEqual({
        image: 'sklearn',
        instance_type: 'ml.t3.medium'
      });
      expect(model.source).toEqual({
        image: 'sagemaker',
        instance_type: 'sagemaker',
        sagemaker_image: 'sklearn',
        sagemaker_image_missing: false
      });
    });

    it('puts a SageMaker Studio notebook in the default image when its image is not here', () => {
      notebook.kernelName = null;
      notebook.sageMaker = {
        image: 'datascience-1.0',
        instance_type: 'ml.t3.medium'
      };

      expect(model.current).toEqual({
        image: 'default',
        instance_type: 'ml.t3.medium'
      });
      expect(model.source.image).toBe('default');
      expect(model.source.sagemaker_image_missing).toBe(true);

      // An image that cannot run here counts as missing too.
      notebook.sageMaker = { image: 'torch', instance_type: null };
      expect(model.current.image).toBe('default');
      expect(model.source.sagemaker_image_missing).toBe(true);
    });

    it("lets the notebook's own choice and its kernel win over SageMaker's", () => {
      notebook.kernelName = 'mlstudio-default-python3';
      notebook.sageMaker = { image: 'sklearn', instance_type: 'ml.t3.medium' };
      notebook.stored = { instance_type: 'local' };

      expect(model.current).toEqual({
        image: 'default',
        instance_type: 'local'
      });
      expect(model.source.image).toBe('kernel');
      expect(model.source.instance_type).toBe('notebook');
      expect(model.source.sagemaker_image_missing).toBe(true);
    });

    it('uses the default image for a kernel outside ML Studio', () => {
      notebook.kernelName = 'python3';

      expect(model.current.image).toBe('default');
      expect(model.isMLStudioKernel).toBe(false);
      expect(model.kernelSpecProfile).toBeNull();
    });
  });
});

describe('sageMakerProfile', () => {
  it('reads the image from the kernel name and the top-level instance type', () => {
    expect(
      sageMakerProfile({
        instance_type: 'ml.t3.medium',
        kernelspec: {
          name: 'python3__SAGEMAKER_INTERNAL__arn:aws:sagemaker:us-east-1:081325390199:image/datascience-1.0'
        }
      })
    ).toEqual({ image: 'datascience-1.0', instance_type: 'ml.t3.medium' });
  });

  it('is null for notebooks from anywhere else', () => {
    expect(sageMakerProfile({ kernelspec: { name: 'python3' } })).toBeNull();
    expect(sageMakerProfile({ instance_type: 'fast' })).toBeNull();
    expect(sageMakerProfile(null)).toBeNull();
  });
});

describe('studioKernelFor', () => {
  const spec = (image: string, name: string) => ({
    name: `mlstudio-${image}-${name}`,
    display_name: `${name} (${image})`,
    language: 'python',
    argv: [],
    resources: {},
    metadata: {
      mlstudio: { image, image_version: 1, kind: 'local', spec: name }
    }
  });
  const specs = {
    default: 'python3',
    kernelspecs: {
      python3: {
        name: 'python3',
        display_name: 'Python 3',
        language: 'python',
        argv: [],
        resources: {}
      },
      'mlstudio-default-python3': spec('default', 'python3'),
      'mlstudio-datascience-1.0-python3': spec('datascience-1.0', 'python3')
    }
  };

  it("opens a SageMaker Studio notebook in its image's Python kernel", () => {
    expect(
      studioKernelFor(specs, { image: 'datascience-1.0', instance_type: null })
    ).toBe('mlstudio-datascience-1.0-python3');
  });

  it('falls back on the default image, and waits for the specs', () => {
    expect(
      studioKernelFor(specs, { image: 'base-python-2.0', instance_type: null })
    ).toBe('mlstudio-default-python3');
    expect(
      studioKernelFor(null, { image: 'datascience-1.0', instance_type: null })
    ).toBeNull();
  });
});
