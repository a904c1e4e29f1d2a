import {
  baseImageKind,
  checkBaseImage,
  configRequest,
  emptyRegisterValues,
  registerRequest,
  validateConfig,
  validateRegister,
  validateVersion,
  versionRequest
} from '../models/image-forms';

describe('image forms', () => {
  it('tells the kinds of base image apart', () => {
    expect(baseImageKind('')).toBeNull();
    expect(baseImageKind('mlstudio/sklearn:latest')).toBe('docker');
    expect(baseImageKind('file:///opt/conda/envs/ml')).toBe('file');
    expect(baseImageKind('dockerfile:///w/Dockerfile')).toBe('dockerfile');
  });

  it('wants absolute paths and Docker references without spaces', () => {
    expect(checkBaseImage('file://opt/envs/ml')).toBe(
      'Give an absolute path after file://, e.g. file:///opt/envs/ml'
    );
    expect(checkBaseImage('dockerfile://Dockerfile')).toMatch(
      /^Give an absolute path after dockerfile:\/\//
    );
    expect(checkBaseImage('my image')).toMatch(/no spaces/);
    expect(checkBaseImage(' file:///opt/envs/ml ')).toBeNull();
    expect(checkBaseImage('')).toBeNull();
  });

  it('checks name, kernel specs, mount path and ids before registering', () => {
    expect(validateRegister(emptyRegisterValues())).toEqual({
      name: 'Name the image.'
    });
    expect(
      validateRegister({
        ...emptyRegisterValues(),
        name: '-bad_name',
        base_image: 'file://relative',
        kernel_specs: [
          { name: 'python3', display_name: '' },
          { name: 'python3', display_name: '' },
          { name: ' ', display_name: 'R' }
        ],
        mount_path: 'home/user',
        uid: 500,
        gid: 7
      })
    ).toEqual({
      name: "An image name has letters, digits, '-' and '.' only, starts and ends with a letter or digit and is at most 63 long: change it.",
      base_image:
        'Give an absolute path after file://, e.g. file:///opt/envs/ml',
      'kernel_specs.1': 'python3 is listed twice: remove one.',
      'kernel_specs.2': 'Name the kernel spec (e.g. python3).',
      mount_path: 'The mount path is absolute, e.g. /home/sagemaker-user.',
      uid: 'The user id is 0 or 1000.',
      gid: 'The group id is 0 or 100.'
    });
    expect(
      validateConfig({ kernel_specs: [], mount_path: '', uid: 0, gid: 0 })
    ).toEqual({
      kernel_specs: 'Name at least one kernel spec (e.g. python3).'
    });
  });

  it('accepts dotted names up to 63 characters', () => {
    const values = { ...emptyRegisterValues(), name: 'my.env-2' };
    expect(validateRegister(values)).toEqual({});
    expect(
      validateRegister({ ...values, name: 'a'.repeat(64) }).name
    ).toBeDefined();
  });

  it('wants a base for a new version', () => {
    expect(validateVersion({ base_image: ' ', aliases: '' })).toEqual({
      base_image: 'Give the base image of the new version.'
    });
  });

  it('leaves out what the user left empty and trims the rest', () => {
    expect(
      registerRequest({
        ...emptyRegisterValues(),
        name: ' sklearn ',
        description: '  ',
        base_image: ' mlstudio/sklearn:latest',
        kernel_specs: [{ name: ' python3 ', display_name: ' ' }]
      })
    ).toEqual({
      name: 'sklearn',
      base_image: 'mlstudio/sklearn:latest',
      kernel_specs: [{ name: 'python3', display_name: 'python3' }],
      mount_path: '',
      uid: 0,
      gid: 0
    });
    expect(
      versionRequest({ base_image: 'file:///x ', aliases: 'stable, ,2024-11' })
    ).toEqual({ base_image: 'file:///x', aliases: ['stable', '2024-11'] });
    expect(
      configRequest({
        kernel_specs: [{ name: 'ir', display_name: 'R ' }],
        mount_path: ' /home/u ',
        uid: 1000,
        gid: 100
      })
    ).toEqual({
      kernel_specs: [{ name: 'ir', display_name: 'R' }],
      mount_path: '/home/u',
      uid: 1000,
      gid: 100
    });
  });
});
