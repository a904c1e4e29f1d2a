/*
 * The REST face's types, generated from the OpenAPI document the server publishes at
 * GET /mlstudio/api/v1/openapi.json. Do not edit: run `jlpm api:types` after changing a
 * route or a model on the server (`jlpm api:check` fails while this file is out of date).
 */

export interface paths {
  '/experiments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List experiments with run counts */
    get: {
      parameters: {
        query?: {
          view?: components['schemas']['ViewType'];
          filter?: string | null;
          max_items?: number;
          next_token?: string | null;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ExperimentList'];
          };
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    /** Create an experiment */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['NewExperiment'];
        };
      };
      responses: {
        /** @description Success */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Experiment'];
          };
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Conflict with the resource's state. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/experiments/{experiment_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get an experiment */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          experiment_id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Experiment'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description No such resource. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/experiments/{experiment_id}/keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Param, metric and tag names used by its runs */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          experiment_id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ExperimentKeys'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description No such resource. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/images': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Images with their versions and configs */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ImageList'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    /** Register an image (and its first version) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['NewImage'];
        };
      };
      responses: {
        /** @description Success */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ImageEntry'];
          };
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Conflict with the resource's state. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/images/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An image */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          name: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ImageEntry'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description No such resource. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    /** Delete an image */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          name: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description No such resource. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Conflict with the resource's state. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/images/{name}/config': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Set the kernel specs and file-system settings */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          name: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['ConfigBody'];
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['AppImageConfig'];
          };
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description No such resource. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Conflict with the resource's state. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/images/{name}/versions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add a version (validated in the background) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          name: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['NewVersion'];
        };
      };
      responses: {
        /** @description Success */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ImageVersion'];
          };
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description No such resource. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Conflict with the resource's state. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/images/{name}/versions/{version}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A version */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          name: string;
          version: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ImageVersion'];
          };
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description No such resource. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    /** Delete a version */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          name: string;
          version: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description No such resource. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Conflict with the resource's state. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/images/{name}/versions/{version}/build-logs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Build log of a Dockerfile version */
    get: {
      parameters: {
        query?: {
          after?: number;
        };
        header?: never;
        path: {
          name: string;
          version: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['BuildLogs'];
          };
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description No such resource. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/instance-types': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List instance types with their availability on this host */
    get: {
      parameters: {
        query?: {
          available?: boolean | null;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['InstanceTypeList'];
          };
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/instance-types/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get one instance type */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          name: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['InstanceType'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description No such resource. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/kernels/idle-timeouts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Idle timeouts per instance type */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['IdleTimeouts'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/kernels/idle-timeouts/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Set an instance type's idle timeout */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          name: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['IdleTimeout'];
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['IdleTimeout'];
          };
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description No such resource. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/kernels/profile-check': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Check that a profile can run here */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['ProfileCheck'];
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CheckedProfile'];
          };
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/kernels/profiles': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Images and instance types for notebooks */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Profiles'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/kernels/{kernel_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A kernel's profile and usage */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          kernel_id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['KernelUsage'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description No such resource. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/kernels/{kernel_id}/profile': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Switch a kernel's notebook to another image or instance type */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          kernel_id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['SwitchBody'];
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['SwitchResult'];
          };
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description No such resource. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Conflict with the resource's state. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/models': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List registered models */
    get: {
      parameters: {
        query?: {
          filter?: string | null;
          max_items?: number;
          next_token?: string | null;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ModelList'];
          };
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/models/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A registered model with its versions */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          name: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ModelDetail'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description No such resource. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/models/{name}/versions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Register a version (and the model, when new) with its aliases */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          name: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['RegisterModelVersion'];
        };
      };
      responses: {
        /** @description Success */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ModelVersion'];
          };
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description No such resource. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/openapi.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** This document */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/python-environments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The Python environments of this host, for image versions */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PythonEnvironmentList'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/runs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Search runs (MLflow's filter syntax) */
    get: {
      parameters: {
        query: {
          experiment_id: string[];
          filter?: string | null;
          order_by?: string[];
          view?: components['schemas']['ViewType'];
          max_items?: number;
          next_token?: string | null;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['RunList'];
          };
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    /** Start a run */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['NewRun'];
        };
      };
      responses: {
        /** @description Success */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Run'];
          };
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description No such resource. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/runs/{run_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a run */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          run_id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Run'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description No such resource. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** End or rename a run */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          run_id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['RunUpdate'];
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Run'];
          };
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description No such resource. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    trace?: never;
  };
  '/runs/{run_id}/artifact': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Download one artifact */
    get: {
      parameters: {
        query?: {
          path?: string;
          download?: boolean;
        };
        header?: never;
        path: {
          run_id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description No such resource. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/runs/{run_id}/artifacts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List a folder of the run's artifacts */
    get: {
      parameters: {
        query?: {
          path?: string;
          download?: boolean;
        };
        header?: never;
        path: {
          run_id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ArtifactList'];
          };
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description No such resource. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/runs/{run_id}/batch': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Log metrics, params and tags (idempotent with batch_id) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          run_id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['RunBatch'];
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['BatchResult'];
          };
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description No such resource. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/runs/{run_id}/metrics/{key}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A metric's history, optionally downsampled */
    get: {
      parameters: {
        query?: {
          max_points?: number | null;
        };
        header?: never;
        path: {
          run_id: string;
          key: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MetricHistory'];
          };
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description No such resource. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Version, store, object store, runtime backends and host resources */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Status'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/training-jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List training jobs, newest first */
    get: {
      parameters: {
        query?: {
          name_contains?: string | null;
          status?: components['schemas']['TrainingJobStatus'] | null;
          sort_by?: components['schemas']['SortBy'];
          sort_order?: components['schemas']['SortOrder'];
          max_items?: number;
          next_token?: string | null;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TrainingJobList'];
          };
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    /** Create a training job */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['CreateTrainingJobRequest'];
        };
      };
      responses: {
        /** @description Success */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TrainingJobDetail'];
          };
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Conflict with the resource's state. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/training-jobs/metric-preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Try metric regexes on sample log text */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['MetricPreviewRequest'];
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MetricPreviewList'];
          };
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/training-jobs/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Describe a training job */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          name: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TrainingJobDetail'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description No such resource. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/training-jobs/{name}/artifacts/{artifact}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Download a finished job's model.tar.gz ('model') or output.tar.gz ('output') */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          name: string;
          artifact: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description No such resource. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/training-jobs/{name}/logs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a host's log lines */
    get: {
      parameters: {
        query?: {
          host?: string;
          after?: number;
          limit?: number;
        };
        header?: never;
        path: {
          name: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['LogPage'];
          };
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description No such resource. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/training-jobs/{name}/stop': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Stop a training job */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          name: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TrainingJobDetail'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description No such resource. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Conflict with the resource's state. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/uploads': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Store the request body as an object; returns its URI */
    post: {
      parameters: {
        query: {
          name: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Upload'];
          };
        };
        /** @description Invalid input; the message names the field. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authenticated. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Not authorized. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /** AlgorithmSpecification */
    'AlgorithmSpecification-Input': {
      /** Training Image */
      training_image: string;
      /**
       * Training Input Mode
       * @default File
       * @enum {string}
       */
      training_input_mode?: 'File' | 'FastFile';
      /** Metric Definitions */
      metric_definitions?: components['schemas']['MetricDefinition'][];
      /**
       * Enable Sage Maker Metrics Time Series
       * @default null
       */
      enable_sage_maker_metrics_time_series?: boolean | null;
      /**
       * Container Entrypoint
       * @default null
       */
      container_entrypoint?: string[] | null;
      /**
       * Container Arguments
       * @default null
       */
      container_arguments?: string[] | null;
    };
    /** AlgorithmSpecification */
    'AlgorithmSpecification-Output': {
      /** Training Image */
      training_image: string;
      /**
       * Training Input Mode
       * @default File
       * @enum {string}
       */
      training_input_mode: 'File' | 'FastFile';
      /** Metric Definitions */
      metric_definitions: components['schemas']['MetricDefinition'][];
      /**
       * Enable Sage Maker Metrics Time Series
       * @default null
       */
      enable_sage_maker_metrics_time_series: boolean | null;
      /**
       * Container Entrypoint
       * @default null
       */
      container_entrypoint: string[] | null;
      /**
       * Container Arguments
       * @default null
       */
      container_arguments: string[] | null;
    };
    /** AppImageConfig */
    AppImageConfig: {
      /** Name */
      name: string;
      /** Arn */
      arn: string;
      /** Kernel Specs */
      kernel_specs: {
        [key: string]: string;
      }[];
      /**
       * Mount Path
       * @description Where the workspace appears in a container ('' = its own path)
       */
      mount_path: string;
      /** Uid */
      uid: number;
      /** Gid */
      gid: number;
      /** Creation Time */
      creation_time: number;
      /** Last Modified Time */
      last_modified_time: number;
    };
    /** ArtifactEntryOut */
    ArtifactEntryOut: {
      /** Path */
      path: string;
      /** Is Dir */
      is_dir: boolean;
      /**
       * File Size
       * @default null
       */
      file_size: number | null;
    };
    /** ArtifactList */
    ArtifactList: {
      /** Root */
      root: string;
      /** Entries */
      entries: components['schemas']['ArtifactEntryOut'][];
    };
    /**
     * BackendStatus
     * @description Whether a backend can run units on this host now, and if not, why.
     */
    BackendStatus: {
      /** Name */
      name: string;
      /** Available */
      available: boolean;
      /**
       * Reason
       * @default null
       */
      reason: string | null;
      /**
       * Detail
       * @default null
       */
      detail: string | null;
      /**
       * Warnings
       * @description What works less well than it should here, each with how to fix it
       */
      warnings: string[];
    };
    /** BatchResult */
    BatchResult: {
      /**
       * Applied
       * @description False when this batch_id had been applied before
       */
      applied: boolean;
    };
    /** BuildLogLine */
    BuildLogLine: {
      /** Seq */
      seq: number;
      /** Timestamp */
      timestamp: number;
      /** Message */
      message: string;
    };
    /** BuildLogs */
    BuildLogs: {
      /** Lines */
      lines: components['schemas']['BuildLogLine'][];
    };
    /**
     * CapacityReport
     * @description The host's capacity ledger: what it offers, what is reserved, by whom.
     */
    CapacityReport: {
      /**
       * Memory Bytes
       * @description Memory handed out to kernels and jobs in total
       */
      memory_bytes: number;
      /** Memory Reserved Bytes */
      memory_reserved_bytes: number;
      /**
       * Gpus
       * @description Indices of the host's GPUs
       */
      gpus: number[];
      /** Gpus Reserved */
      gpus_reserved: number[];
      /**
       * Cpus
       * @description CPUs of the host (shared by everyone)
       */
      cpus: number;
      /**
       * Vcpus Reserved
       * @description vCPUs asked for by all holders together
       */
      vcpus_reserved: number;
      /** Reservations */
      reservations: components['schemas']['ReservationInfo'][];
    };
    /** Channel */
    'Channel-Input': {
      /** Channel Name */
      channel_name: string;
      data_source: components['schemas']['DataSource-Input'];
      /**
       * Content Type
       * @default null
       */
      content_type?: string | null;
      /**
       * Compression Type
       * @default null
       */
      compression_type?: ('None' | 'Gzip') | null;
      /**
       * Record Wrapper Type
       * @default null
       */
      record_wrapper_type?: ('None' | 'RecordIO') | null;
      /**
       * Input Mode
       * @default null
       */
      input_mode?: ('File' | 'FastFile') | null;
    };
    /** Channel */
    'Channel-Output': {
      /** Channel Name */
      channel_name: string;
      data_source: components['schemas']['DataSource-Output'];
      /**
       * Content Type
       * @default null
       */
      content_type: string | null;
      /**
       * Compression Type
       * @default null
       */
      compression_type: ('None' | 'Gzip') | null;
      /**
       * Record Wrapper Type
       * @default null
       */
      record_wrapper_type: ('None' | 'RecordIO') | null;
      /**
       * Input Mode
       * @default null
       */
      input_mode: ('File' | 'FastFile') | null;
    };
    /** CheckedProfile */
    CheckedProfile: {
      /** Image */
      image: string;
      /** Instance Type */
      instance_type: string;
      /** Kernel Name */
      kernel_name: string;
      /** Display Name */
      display_name: string;
      /** Cpus */
      cpus: number;
      /** Memory Bytes */
      memory_bytes: number | null;
      /** Gpus */
      gpus: number;
    };
    /** CheckpointConfig */
    'CheckpointConfig-Input': {
      /** S3 Uri */
      s3_uri: string;
      /**
       * Local Path
       * @default /opt/ml/checkpoints
       */
      local_path?: string;
    };
    /** CheckpointConfig */
    'CheckpointConfig-Output': {
      /** S3 Uri */
      s3_uri: string;
      /**
       * Local Path
       * @default /opt/ml/checkpoints
       */
      local_path: string;
    };
    /** ConfigBody */
    ConfigBody: {
      /** Kernel Specs */
      kernel_specs: components['schemas']['KernelSpecEntry'][];
      /**
       * Mount Path
       * @description Absolute, or empty
       * @default
       */
      mount_path?: string;
      /**
       * Uid
       * @default 0
       * @enum {integer}
       */
      uid?: 0 | 1000;
      /**
       * Gid
       * @default 0
       * @enum {integer}
       */
      gid?: 0 | 100;
    };
    /**
     * CreateTrainingJobRequest
     * @description ``CreateTrainingJob``: what this server runs, named as SageMaker names it.
     */
    CreateTrainingJobRequest: {
      /** Training Job Name */
      training_job_name: string;
      algorithm_specification: components['schemas']['AlgorithmSpecification-Input'];
      /**
       * Role Arn
       * @default null
       */
      role_arn?: string | null;
      /** Hyper Parameters */
      hyper_parameters?: {
        [key: string]: string;
      };
      /** Input Data Config */
      input_data_config?: components['schemas']['Channel-Input'][];
      /**
       * @description Where the model and output go. Left out (the REST face allows it; SageMaker's does not), they go below the object store's root, in training-output/, as the %%mlstudio train magic and the Python client put them.
       * @default null
       */
      output_data_config?:
        components['schemas']['OutputDataConfig-Input'] | null;
      resource_config: components['schemas']['ResourceConfig-Input'];
      stopping_condition?: components['schemas']['StoppingCondition-Input'];
      /** @default null */
      checkpoint_config?:
        components['schemas']['CheckpointConfig-Input'] | null;
      /** Environment */
      environment?: {
        [key: string]: string;
      };
      /** @default null */
      experiment_config?:
        components['schemas']['ExperimentConfig-Input'] | null;
      /** Tags */
      tags?: components['schemas']['ResourceTag'][];
    };
    /** DataSource */
    'DataSource-Input': {
      s3_data_source: components['schemas']['S3DataSource-Input'];
    };
    /** DataSource */
    'DataSource-Output': {
      s3_data_source: components['schemas']['S3DataSource-Output'];
    };
    /** Experiment */
    Experiment: {
      /** Experiment Id */
      experiment_id: string;
      /** Name */
      name: string;
      /** Artifact Location */
      artifact_location: string;
      /** Lifecycle Stage */
      lifecycle_stage: string;
      /** Creation Time */
      creation_time: number;
      /** Last Update Time */
      last_update_time: number;
      /** Tags */
      tags: {
        [key: string]: string;
      };
      /**
       * Run Count
       * @description Active runs (listings only)
       * @default null
       */
      run_count: number | null;
    };
    /** ExperimentConfig */
    'ExperimentConfig-Input': {
      /**
       * Experiment Name
       * @default null
       */
      experiment_name?: string | null;
      /**
       * Trial Name
       * @default null
       */
      trial_name?: string | null;
      /**
       * Trial Component Display Name
       * @default null
       */
      trial_component_display_name?: string | null;
      /**
       * Run Name
       * @default null
       */
      run_name?: string | null;
    };
    /** ExperimentConfig */
    'ExperimentConfig-Output': {
      /**
       * Experiment Name
       * @default null
       */
      experiment_name: string | null;
      /**
       * Trial Name
       * @default null
       */
      trial_name: string | null;
      /**
       * Trial Component Display Name
       * @default null
       */
      trial_component_display_name: string | null;
      /**
       * Run Name
       * @default null
       */
      run_name: string | null;
    };
    /** ExperimentKeys */
    ExperimentKeys: {
      /** Params */
      params: string[];
      /** Metrics */
      metrics: string[];
      /** Tags */
      tags: string[];
    };
    /** ExperimentList */
    ExperimentList: {
      /** Experiments */
      experiments: components['schemas']['Experiment'][];
      /**
       * Next Token
       * @default null
       */
      next_token: string | null;
    };
    /**
     * Gpu
     * @description One GPU of the host.
     */
    Gpu: {
      /** Index */
      index: number;
      /** Name */
      name: string;
      /**
       * Memory Bytes
       * @default null
       */
      memory_bytes: number | null;
      /**
       * Uuid
       * @default null
       */
      uuid: string | null;
    };
    /**
     * HostResources
     * @description What this machine offers to notebooks and jobs.
     */
    HostResources: {
      /**
       * Cpus
       * @description CPUs this server may use (affinity and cgroup quota applied)
       */
      cpus: number;
      /**
       * Memory Bytes
       * @description Memory this server may use (cgroup limit applied)
       */
      memory_bytes: number;
      /** Gpus */
      gpus: components['schemas']['Gpu'][];
    };
    /** IdleTimeout */
    IdleTimeout: {
      /**
       * Minutes
       * @description 0: never
       */
      minutes: number;
    };
    /** IdleTimeouts */
    IdleTimeouts: {
      /** Timeouts */
      timeouts: {
        [key: string]: number;
      };
    };
    /** Image */
    Image: {
      /** Image Name */
      image_name: string;
      /** Image Arn */
      image_arn: string;
      /** Image Status */
      image_status: string;
      /**
       * Display Name
       * @default null
       */
      display_name: string | null;
      /**
       * Description
       * @default null
       */
      description: string | null;
      /** Creation Time */
      creation_time: number;
      /** Last Modified Time */
      last_modified_time: number;
    };
    /** ImageEntry */
    ImageEntry: {
      image: components['schemas']['Image'];
      /**
       * Versions
       * @description Newest first
       */
      versions: components['schemas']['ImageVersion'][];
      config: components['schemas']['AppImageConfig'];
    };
    /** ImageList */
    ImageList: {
      /** Images */
      images: components['schemas']['ImageEntry'][];
    };
    /** ImageVersion */
    ImageVersion: {
      /** Image Name */
      image_name: string;
      /** Version */
      version: number;
      /** Image Version Arn */
      image_version_arn: string;
      /** Image Arn */
      image_arn: string;
      /**
       * Base Image
       * @description docker ref, file:///python/env, or dockerfile:///path/Dockerfile
       */
      base_image: string;
      /**
       * Container Image
       * @default null
       */
      container_image: string | null;
      /**
       * Kind
       * @description local or docker
       */
      kind: string;
      /**
       * Image Version Status
       * @description CREATING, CREATED or CREATE_FAILED
       */
      image_version_status: string;
      /**
       * Failure Reason
       * @default null
       */
      failure_reason: string | null;
      /** Aliases */
      aliases: string[];
      /**
       * Details
       * @description python, arch, ipykernel, kernel_specs
       */
      details: {
        [key: string]: unknown;
      };
      /** Creation Time */
      creation_time: number;
      /** Last Modified Time */
      last_modified_time: number;
    };
    /**
     * InstanceType
     * @description An instance type as this host sees it: its size and whether it can run here.
     */
    InstanceType: {
      /** Name */
      name: string;
      /** Family */
      family: string;
      /** Description */
      description: string;
      /** Vcpus */
      vcpus: number;
      /** Memory Gib */
      memory_gib: number;
      /** Gpus */
      gpus: number;
      /**
       * Gpu Name
       * @default null
       */
      gpu_name: string | null;
      /** Available */
      available: boolean;
      /**
       * Reason
       * @description Why it cannot run here, in words
       * @default null
       */
      reason: string | null;
      /**
       * Effective Vcpus
       * @description vCPUs a unit gets here (the host's, if fewer)
       */
      effective_vcpus: number;
      /**
       * Note
       * @description What differs here from the named size
       * @default null
       */
      note: string | null;
      /**
       * Local
       * @description True for local / local_gpu, sized by the host
       */
      local: boolean;
    };
    /**
     * InstanceTypeList
     * @description ``GET /instance-types``.
     */
    InstanceTypeList: {
      /** Instance Types */
      instance_types: components['schemas']['InstanceType'][];
      /**
       * Default
       * @description The type used when a notebook or job names none
       */
      default: string;
    };
    /** KernelSpecEntry */
    KernelSpecEntry: {
      /**
       * Name
       * @description The kernel spec's name inside the image, e.g. python3 (a name Jupyter accepts: letters, digits, '.', '_' and '-')
       */
      name: string;
      /**
       * Display Name
       * @default
       */
      display_name?: string;
    };
    /** KernelUsage */
    KernelUsage: {
      /** Kernel Id */
      kernel_id: string;
      /** Image */
      image: string;
      /** Image Version */
      image_version: number;
      /** Kind */
      kind: string;
      /** Instance Type */
      instance_type: string;
      /** Cpus */
      cpus: number;
      /**
       * Memory Bytes
       * @description The kernel's memory limit (None: none)
       */
      memory_bytes: number | null;
      /** Gpus */
      gpus: number;
      /**
       * Cpu Percent
       * @description 100 = one CPU busy; None on the first read
       */
      cpu_percent: number | null;
      /** Cpu Limit Percent */
      cpu_limit_percent: number;
      /**
       * Memory Used Bytes
       * @default null
       */
      memory_used_bytes: number | null;
      /** Memory Limit Bytes */
      memory_limit_bytes: number;
      /** Idle Timeout Minutes */
      idle_timeout_minutes: number;
      /** Uptime Seconds */
      uptime_seconds: number;
      /**
       * Last Exit
       * @description Why this kernel last ended on its own (it was restarted)
       * @default null
       */
      last_exit: string | null;
    };
    /**
     * LatestMetric
     * @description The last point of a series with its range.
     */
    LatestMetric: {
      /** Key */
      key: string;
      /** Value */
      value: number | ('NaN' | 'Infinity' | '-Infinity');
      /** Step */
      step: number;
      /** Timestamp */
      timestamp: number;
      /**
       * Min
       * @default null
       */
      min: number | ('NaN' | 'Infinity' | '-Infinity') | null;
      /**
       * Max
       * @default null
       */
      max: number | ('NaN' | 'Infinity' | '-Infinity') | null;
      /**
       * Count
       * @default 0
       */
      count: number;
    };
    /** LogLineOut */
    LogLineOut: {
      /** Seq */
      seq: number;
      /** Timestamp */
      timestamp: number;
      /** Message */
      message: string;
    };
    /**
     * LogPage
     * @description A slice of one host's log, oldest first.
     */
    LogPage: {
      /** Host */
      host: string;
      /** Stream */
      stream: string | null;
      /** Lines */
      lines: components['schemas']['LogLineOut'][];
      /**
       * Total
       * @description Lines stored for this host so far
       */
      total: number;
    };
    /** MetricData */
    MetricData: {
      /** Metric Name */
      metric_name: string;
      /** Value */
      value: number;
      /**
       * Timestamp
       * Format: date-time
       */
      timestamp: string;
    };
    /** MetricDefinition */
    MetricDefinition: {
      /** Name */
      name: string;
      /** Regex */
      regex: string;
    };
    /** MetricHistory */
    MetricHistory: {
      /** Run Id */
      run_id: string;
      /** Key */
      key: string;
      /** Points */
      points: components['schemas']['MetricPoint-Output'][];
      /**
       * Total
       * @description Points stored; more than len(points) when downsampled
       */
      total: number;
    };
    /** MetricMatch */
    MetricMatch: {
      /**
       * Line
       * @description 0-based line number in the sample
       */
      line: number;
      /**
       * Value
       * @description The first capture group as a number, if it is one
       */
      value: number | null;
      /**
       * Text
       * @description What the first capture group matched
       */
      text: string;
    };
    /**
     * MetricPoint
     * @description One point of a metric series. NaN and the infinities are kept as such.
     */
    'MetricPoint-Input': {
      /** Key */
      key: string;
      /** Value */
      value: number | ('NaN' | 'Infinity' | '-Infinity');
      /**
       * Step
       * @default 0
       */
      step?: number;
      /**
       * Timestamp
       * @description UTC milliseconds
       */
      timestamp: number;
    };
    /**
     * MetricPoint
     * @description One point of a metric series. NaN and the infinities are kept as such.
     */
    'MetricPoint-Output': {
      /** Key */
      key: string;
      /** Value */
      value: number | ('NaN' | 'Infinity' | '-Infinity');
      /**
       * Step
       * @default 0
       */
      step: number;
      /**
       * Timestamp
       * @description UTC milliseconds
       */
      timestamp: number;
    };
    /** MetricPreview */
    MetricPreview: {
      /** Name */
      name: string;
      /**
       * Error
       * @description Why the regex does not compile
       * @default null
       */
      error: string | null;
      /** Matches */
      matches: components['schemas']['MetricMatch'][];
    };
    /** MetricPreviewList */
    MetricPreviewList: {
      /** Previews */
      previews: components['schemas']['MetricPreview'][];
    };
    /**
     * MetricPreviewRequest
     * @description ``POST /training-jobs/metric-preview``: try metric regexes on sample log text.
     */
    MetricPreviewRequest: {
      /** Metric Definitions */
      metric_definitions: components['schemas']['MetricDefinition'][];
      /** Sample */
      sample: string;
    };
    /** ModelArtifacts */
    ModelArtifacts: {
      /** S3 Model Artifacts */
      s3_model_artifacts: string;
    };
    /** ModelDetail */
    ModelDetail: {
      model: components['schemas']['RegisteredModel'];
      /** Versions */
      versions: components['schemas']['ModelVersion'][];
    };
    /** ModelList */
    ModelList: {
      /** Models */
      models: components['schemas']['RegisteredModel'][];
      /**
       * Next Token
       * @default null
       */
      next_token: string | null;
    };
    /** ModelVersion */
    ModelVersion: {
      /** Name */
      name: string;
      /** Version */
      version: number;
      /** Creation Time */
      creation_time: number;
      /** Last Updated Time */
      last_updated_time: number;
      /**
       * Description
       * @default null
       */
      description: string | null;
      /** Source */
      source: string;
      /**
       * Run Id
       * @default null
       */
      run_id: string | null;
      /**
       * Run Link
       * @default null
       */
      run_link: string | null;
      /**
       * Model Id
       * @default null
       */
      model_id: string | null;
      /** Status */
      status: string;
      /**
       * Status Message
       * @default null
       */
      status_message: string | null;
      /** Stage */
      stage: string;
      /**
       * Tags
       * @default {}
       */
      tags: {
        [key: string]: string;
      };
      /**
       * Aliases
       * @default []
       */
      aliases: string[];
    };
    /** NewExperiment */
    NewExperiment: {
      /** Name */
      name: string;
      /** Tags */
      tags?: {
        [key: string]: string;
      };
    };
    /** NewImage */
    NewImage: {
      /**
       * Name
       * @description Letters, digits, '-' and '.', at most 63
       */
      name: string;
      /**
       * Display Name
       * @default null
       */
      display_name?: string | null;
      /**
       * Description
       * @default null
       */
      description?: string | null;
      /**
       * Base Image
       * @description First version: a Docker reference, file:///path/to/python-or-env, or dockerfile:///path/in/workspace/Dockerfile
       * @default null
       */
      base_image?: string | null;
      /**
       * Kernel Specs
       * @default null
       */
      kernel_specs?: components['schemas']['KernelSpecEntry'][] | null;
      /**
       * Mount Path
       * @description Absolute, or empty
       * @default
       */
      mount_path?: string;
      /**
       * Uid
       * @default 0
       * @enum {integer}
       */
      uid?: 0 | 1000;
      /**
       * Gid
       * @default 0
       * @enum {integer}
       */
      gid?: 0 | 100;
    };
    /** NewRun */
    NewRun: {
      /**
       * Experiment Id
       * @default null
       */
      experiment_id?: string | null;
      /**
       * Experiment Name
       * @description Made if missing
       * @default null
       */
      experiment_name?: string | null;
      /**
       * Run Name
       * @default null
       */
      run_name?: string | null;
      /** Tags */
      tags?: {
        [key: string]: string;
      };
      /** Params */
      params?: {
        [key: string]: string;
      };
    };
    /** NewVersion */
    NewVersion: {
      /**
       * Base Image
       * @description Not blank
       */
      base_image: string;
      /** Aliases */
      aliases?: string[];
    };
    /**
     * ObjectStoreInfo
     * @description The object store.
     */
    ObjectStoreInfo: {
      /**
       * Default Root
       * @description Where the server keeps its own objects
       */
      default_root: string;
      /** Schemes */
      schemes: string[];
      /**
       * S3 Endpoint Url
       * @default null
       */
      s3_endpoint_url: string | null;
    };
    /** OutputDataConfig */
    'OutputDataConfig-Input': {
      /** S3 Output Path */
      s3_output_path: string;
      /**
       * Kms Key Id
       * @default null
       */
      kms_key_id?: string | null;
      /**
       * Compression Type
       * @default null
       */
      compression_type?: ('GZIP' | 'NONE') | null;
    };
    /** OutputDataConfig */
    'OutputDataConfig-Output': {
      /** S3 Output Path */
      s3_output_path: string;
      /**
       * Kms Key Id
       * @default null
       */
      kms_key_id: string | null;
      /**
       * Compression Type
       * @default null
       */
      compression_type: ('GZIP' | 'NONE') | null;
    };
    /** Param */
    Param: {
      /** Key */
      key: string;
      /** Value */
      value: string;
    };
    /** ProfileCheck */
    ProfileCheck: {
      /** Image */
      image: string;
      /**
       * Instance Type
       * @default null
       */
      instance_type?: string | null;
      /**
       * Spec
       * @description Kernel spec inside the image
       * @default python3
       */
      spec?: string;
    };
    /** ProfileImage */
    ProfileImage: {
      /** Name */
      name: string;
      /**
       * Display Name
       * @default null
       */
      display_name: string | null;
      /**
       * Kind
       * @description local or docker
       * @default null
       */
      kind: string | null;
      /**
       * Version
       * @default null
       */
      version: number | null;
      /**
       * Kernel Names
       * @description Spec name in the image -> Jupyter kernel name
       */
      kernel_names: {
        [key: string]: string;
      };
      /** Available */
      available: boolean;
      /**
       * Reason
       * @default null
       */
      reason: string | null;
    };
    /** ProfileInstanceType */
    ProfileInstanceType: {
      /** Name */
      name: string;
      /** Description */
      description: string;
      /**
       * Vcpus
       * @description The vCPUs a kernel really gets on this host
       */
      vcpus: number;
      /**
       * Nominal Vcpus
       * @description The type's own vCPUs (more than vcpus on a small host)
       */
      nominal_vcpus: number;
      /** Memory Gib */
      memory_gib: number;
      /** Gpus */
      gpus: number;
      /** Available */
      available: boolean;
      /**
       * Reason
       * @default null
       */
      reason: string | null;
      /** Idle Timeout Minutes */
      idle_timeout_minutes: number;
    };
    /** Profiles */
    Profiles: {
      /** Images */
      images: components['schemas']['ProfileImage'][];
      /** Instance Types */
      instance_types: components['schemas']['ProfileInstanceType'][];
      /** Default Image */
      default_image: string;
      /** Default Instance Type */
      default_instance_type: string;
    };
    /**
     * PythonEnvironment
     * @description A Python environment the server found on its host.
     */
    PythonEnvironment: {
      /**
       * Name
       * @description Its folder's name, or what it is (this server's Python)
       */
      name: string;
      /**
       * Path
       * @description The environment's folder, or a lone interpreter's path
       */
      path: string;
      /**
       * Kind
       * @description server, venv, conda or interpreter
       */
      kind: string;
      /**
       * Python Version
       * @description e.g. 3.11.2, when known
       * @default null
       */
      python_version: string | null;
    };
    /**
     * PythonEnvironmentList
     * @description ``GET /python-environments``.
     */
    PythonEnvironmentList: {
      /** Environments */
      environments: components['schemas']['PythonEnvironment'][];
    };
    /**
     * RegisterModelVersion
     * @description ``POST /models/{name}/versions``: a new version of a registered model.
     */
    RegisterModelVersion: {
      /**
       * Source
       * @description runs:/<run_id>/<path>, or the URI of a training job's model.tar.gz
       */
      source: string;
      /**
       * Run Id
       * @description The run it came from
       * @default null
       */
      run_id?: string | null;
      /**
       * Description
       * @default null
       */
      description?: string | null;
      /** Aliases */
      aliases?: string[];
      /** Tags */
      tags?: {
        [key: string]: string;
      };
    };
    /** RegisteredModel */
    RegisteredModel: {
      /** Name */
      name: string;
      /** Creation Time */
      creation_time: number;
      /** Last Updated Time */
      last_updated_time: number;
      /**
       * Description
       * @default null
       */
      description: string | null;
      /**
       * Tags
       * @default {}
       */
      tags: {
        [key: string]: string;
      };
      /**
       * Aliases
       * @default {}
       */
      aliases: {
        [key: string]: number;
      };
      /**
       * Latest Versions
       * @default []
       */
      latest_versions: components['schemas']['ModelVersion'][];
    };
    /**
     * ReservationInfo
     * @description What one kernel or job holds of the host.
     */
    ReservationInfo: {
      /**
       * Kind
       * @description kernel, training-job, ...
       */
      kind: string;
      /**
       * Name
       * @description The notebook (or kernel id) or the job's name
       */
      name: string;
      /** Owner */
      owner: string;
      /** Instance Type */
      instance_type: string;
      /**
       * Memory Bytes
       * @description Memory held exclusively (0: a type without a size)
       */
      memory_bytes: number;
      /**
       * Gpus
       * @description GPU indices held exclusively
       */
      gpus: number[];
      /**
       * Vcpus
       * @description vCPUs asked for (CPUs are shared)
       */
      vcpus: number;
      /**
       * Cpus
       * @description CPUs the unit is pinned to, when the ledger chose them
       */
      cpus: number[];
      /**
       * Since
       * @description When it was reserved (UTC milliseconds)
       */
      since: number;
    };
    /** ResourceConfig */
    'ResourceConfig-Input': {
      /** Instance Type */
      instance_type: string;
      /**
       * Instance Count
       * @default 1
       */
      instance_count?: number;
      /**
       * Volume Size In Gb
       * @default 30
       */
      volume_size_in_gb?: number;
      /**
       * Volume Kms Key Id
       * @default null
       */
      volume_kms_key_id?: string | null;
      /**
       * Keep Alive Period In Seconds
       * @default null
       */
      keep_alive_period_in_seconds?: number | null;
    };
    /** ResourceConfig */
    'ResourceConfig-Output': {
      /** Instance Type */
      instance_type: string;
      /**
       * Instance Count
       * @default 1
       */
      instance_count: number;
      /**
       * Volume Size In Gb
       * @default 30
       */
      volume_size_in_gb: number;
      /**
       * Volume Kms Key Id
       * @default null
       */
      volume_kms_key_id: string | null;
      /**
       * Keep Alive Period In Seconds
       * @default null
       */
      keep_alive_period_in_seconds: number | null;
    };
    /** ResourceTag */
    ResourceTag: {
      /** Key */
      key: string;
      /**
       * Value
       * @default
       */
      value?: string;
    };
    /** Run */
    Run: {
      /** Run Id */
      run_id: string;
      /** Experiment Id */
      experiment_id: string;
      /** Name */
      name: string;
      /** User Id */
      user_id: string;
      status: components['schemas']['RunStatus'];
      /** Start Time */
      start_time: number;
      /**
       * End Time
       * @default null
       */
      end_time: number | null;
      /** Lifecycle Stage */
      lifecycle_stage: string;
      /** Artifact Uri */
      artifact_uri: string;
      /**
       * Source Job
       * @default null
       */
      source_job: string | null;
      /** Params */
      params: {
        [key: string]: string;
      };
      /** Tags */
      tags: {
        [key: string]: string;
      };
      /** Metrics */
      metrics: components['schemas']['LatestMetric'][];
      /** Inputs */
      inputs: {
        [key: string]: unknown;
      }[];
      /** Outputs */
      outputs: {
        [key: string]: unknown;
      }[];
    };
    /**
     * RunBatch
     * @description ``POST /runs/{run_id}/batch``: points, params and tags in one request. Points come as
     *     objects (``metrics``) or, more compactly, as ``[key, value, step, timestamp]`` rows.
     */
    RunBatch: {
      /**
       * Batch Id
       * @description Idempotency key
       * @default null
       */
      batch_id?: string | null;
      /** Metrics */
      metrics?: components['schemas']['MetricPoint-Input'][];
      /** Metric Rows */
      metric_rows?: [
        string,
        number | ('NaN' | 'Infinity' | '-Infinity' | 'nan' | 'inf' | '-inf'),
        number,
        number
      ][];
      /** Params */
      params?: components['schemas']['Param'][];
      /** Tags */
      tags?: components['schemas']['Tag'][];
    };
    /** RunList */
    RunList: {
      /** Runs */
      runs: components['schemas']['Run'][];
      /**
       * Next Token
       * @default null
       */
      next_token: string | null;
    };
    /**
     * RunStatus
     * @description A run's status, as MLflow names them.
     * @enum {string}
     */
    RunStatus: 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';
    /** RunUpdate */
    RunUpdate: {
      /** @default null */
      status?: components['schemas']['RunStatus'] | null;
      /**
       * End Time
       * @default null
       */
      end_time?: number | null;
      /**
       * Name
       * @default null
       */
      name?: string | null;
    };
    /** S3DataSource */
    'S3DataSource-Input': {
      /**
       * S3 Data Type
       * @default S3Prefix
       * @enum {string}
       */
      s3_data_type?: 'S3Prefix' | 'ManifestFile';
      /** S3 Uri */
      s3_uri: string;
      /**
       * S3 Data Distribution Type
       * @default FullyReplicated
       * @enum {string}
       */
      s3_data_distribution_type?: 'FullyReplicated' | 'ShardedByS3Key';
    };
    /** S3DataSource */
    'S3DataSource-Output': {
      /**
       * S3 Data Type
       * @default S3Prefix
       * @enum {string}
       */
      s3_data_type: 'S3Prefix' | 'ManifestFile';
      /** S3 Uri */
      s3_uri: string;
      /**
       * S3 Data Distribution Type
       * @default FullyReplicated
       * @enum {string}
       */
      s3_data_distribution_type: 'FullyReplicated' | 'ShardedByS3Key';
    };
    /** SecondaryStatusTransition */
    SecondaryStatusTransition: {
      /** Status */
      status: string;
      /**
       * Start Time
       * Format: date-time
       */
      start_time: string;
      /**
       * End Time
       * @default null
       */
      end_time: string | null;
      /**
       * Status Message
       * @default null
       */
      status_message: string | null;
    };
    /**
     * Status
     * @description ``GET /mlstudio/api/v1/status``.
     */
    Status: {
      /** Version */
      version: string;
      /** User */
      user: string;
      /** Domain */
      domain: string;
      /** Space */
      space: string;
      store: components['schemas']['StoreInfo'];
      object_store: components['schemas']['ObjectStoreInfo'];
      /** Backends */
      backends: components['schemas']['BackendStatus'][];
      host: components['schemas']['HostResources'];
      /**
       * Workspace Root
       * @description The server's root folder (file:// URIs may name it)
       */
      workspace_root: string;
      /**
       * Default Image
       * @description Image that runs in this server's Python
       * @default default
       */
      default_image: string;
      /** @description The host's capacity ledger: memory, GPUs and CPUs reserved by kernels and jobs, and by whom */
      capacity: components['schemas']['CapacityReport'];
    };
    /** StoppingCondition */
    'StoppingCondition-Input': {
      /**
       * Max Runtime In Seconds
       * @default 86400
       */
      max_runtime_in_seconds?: number;
      /**
       * Max Wait Time In Seconds
       * @default null
       */
      max_wait_time_in_seconds?: number | null;
      /**
       * Max Pending Time In Seconds
       * @default null
       */
      max_pending_time_in_seconds?: number | null;
    };
    /** StoppingCondition */
    'StoppingCondition-Output': {
      /**
       * Max Runtime In Seconds
       * @default 86400
       */
      max_runtime_in_seconds: number;
      /**
       * Max Wait Time In Seconds
       * @default null
       */
      max_wait_time_in_seconds: number | null;
      /**
       * Max Pending Time In Seconds
       * @default null
       */
      max_pending_time_in_seconds: number | null;
    };
    /**
     * StoreInfo
     * @description The record store.
     */
    StoreInfo: {
      /** Dialect */
      dialect: string;
      /**
       * Url
       * @description SQLAlchemy URL with any password hidden
       */
      url: string;
      /**
       * Revision
       * @description Schema migration the store is at
       */
      revision: string | null;
    };
    /** SwitchBody */
    SwitchBody: {
      /**
       * Image
       * @default null
       */
      image?: string | null;
      /**
       * Instance Type
       * @default null
       */
      instance_type?: string | null;
      /**
       * Force
       * @description Restart even if the kernel is busy
       * @default false
       */
      force?: boolean;
      /**
       * Wait
       * @description False: answer 202 and switch right after
       * @default true
       */
      wait?: boolean;
      /**
       * Write Metadata
       * @description Record the choice in the notebook (False when the caller saved it)
       * @default true
       */
      write_metadata?: boolean;
    };
    /** SwitchResult */
    SwitchResult: {
      /**
       * Kernel Id
       * @description The kernel serving the notebook after the switch
       */
      kernel_id: string;
      /** Previous Kernel Id */
      previous_kernel_id: string;
      /**
       * Path
       * @default null
       */
      path: string | null;
      /** Image */
      image: string;
      /** Instance Type */
      instance_type: string;
      /** Kernel Name */
      kernel_name: string;
      /** Done */
      done: boolean;
    };
    /** Tag */
    Tag: {
      /** Key */
      key: string;
      /** Value */
      value: string;
    };
    /**
     * TrainingJobDetail
     * @description The REST face's view: the SageMaker description plus where to find runs and logs.
     */
    TrainingJobDetail: {
      /** Training Job Name */
      training_job_name: string;
      /** Training Job Arn */
      training_job_arn: string;
      training_job_status: components['schemas']['TrainingJobStatus'];
      /** Secondary Status */
      secondary_status: string;
      /**
       * Failure Reason
       * @default null
       */
      failure_reason: string | null;
      /** @default null */
      model_artifacts: components['schemas']['ModelArtifacts'] | null;
      /** Hyper Parameters */
      hyper_parameters: {
        [key: string]: string;
      };
      algorithm_specification: components['schemas']['AlgorithmSpecification-Output'];
      /**
       * Role Arn
       * @default null
       */
      role_arn: string | null;
      /** Input Data Config */
      input_data_config: components['schemas']['Channel-Output'][];
      output_data_config: components['schemas']['OutputDataConfig-Output'];
      resource_config: components['schemas']['ResourceConfig-Output'];
      stopping_condition: components['schemas']['StoppingCondition-Output'];
      /** @default null */
      checkpoint_config:
        components['schemas']['CheckpointConfig-Output'] | null;
      /** Environment */
      environment: {
        [key: string]: string;
      };
      /** @default null */
      experiment_config:
        components['schemas']['ExperimentConfig-Output'] | null;
      /**
       * Creation Time
       * Format: date-time
       */
      creation_time: string;
      /**
       * Training Start Time
       * @default null
       */
      training_start_time: string | null;
      /**
       * Training End Time
       * @default null
       */
      training_end_time: string | null;
      /**
       * Last Modified Time
       * Format: date-time
       */
      last_modified_time: string;
      /** Secondary Status Transitions */
      secondary_status_transitions: components['schemas']['SecondaryStatusTransition'][];
      /** Final Metric Data List */
      final_metric_data_list: components['schemas']['MetricData'][];
      /**
       * Training Time In Seconds
       * @default null
       */
      training_time_in_seconds: number | null;
      /**
       * Enable Network Isolation
       * @default false
       */
      enable_network_isolation: boolean;
      /**
       * Enable Inter Container Traffic Encryption
       * @default false
       */
      enable_inter_container_traffic_encryption: boolean;
      /**
       * Enable Managed Spot Training
       * @default false
       */
      enable_managed_spot_training: boolean;
      /**
       * Run Id
       * @default null
       */
      run_id: string | null;
      /** Backend */
      backend: string;
      /** Hosts */
      hosts: string[];
      /** Log Streams */
      log_streams: {
        [key: string]: string;
      };
      /**
       * Downloads
       * @description What of the finished job can be downloaded (GET training-jobs/{name}/artifacts/{artifact})
       */
      downloads: ('model' | 'output')[];
    };
    /**
     * TrainingJobList
     * @description ``GET /training-jobs``.
     */
    TrainingJobList: {
      /** Training Jobs */
      training_jobs: components['schemas']['TrainingJobSummary'][];
      /**
       * Next Token
       * @default null
       */
      next_token: string | null;
    };
    /**
     * TrainingJobStatus
     * @description ``TrainingJobStatus``.
     * @enum {string}
     */
    TrainingJobStatus:
      'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';
    /**
     * TrainingJobSummary
     * @description One row of ``ListTrainingJobs``.
     */
    TrainingJobSummary: {
      /** Training Job Name */
      training_job_name: string;
      /** Training Job Arn */
      training_job_arn: string;
      /**
       * Creation Time
       * Format: date-time
       */
      creation_time: string;
      /**
       * Training End Time
       * @default null
       */
      training_end_time: string | null;
      /**
       * Last Modified Time
       * @default null
       */
      last_modified_time: string | null;
      training_job_status: components['schemas']['TrainingJobStatus'];
      /**
       * Secondary Status
       * @default null
       */
      secondary_status: string | null;
    };
    /** Upload */
    Upload: {
      /** Uri */
      uri: string;
      /** Size */
      size: number;
    };
    /**
     * SortBy
     * @enum {string}
     */
    SortBy: 'Name' | 'CreationTime' | 'Status';
    /**
     * SortOrder
     * @enum {string}
     */
    SortOrder: 'Ascending' | 'Descending';
    /**
     * ViewType
     * @enum {string}
     */
    ViewType: 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';
    Error: {
      /** @description Error code, e.g. InvalidInput, NotFound */
      error: string;
      /** @description What went wrong, in words */
      message: string;
      /** @description The offending field, when there is one */
      field?: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
