/*
 * The REST face's types, generated from the OpenAPI document the server publishes at
 * GET /mlstudio/api/v1/openapi.json. Do not edit: run `jlpm api:types` after changing a
 * route or a model on the server (`jlpm api:check` fails while this file is out of date).
 */

export interface paths {
  '/audit-events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The domain's audit log, newest first (admins only) */
    get: {
      parameters: {
        query?: {
          owner?: string | null;
          action?: string | null;
          resource_type?: string | null;
          resource_name?: string | null;
          face?: ('rest' | 'aws' | 'mlflow' | 's3' | 'server') | null;
          since?: number | null;
          until?: number | null;
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
            'application/json': components['schemas']['AuditPage'];
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
  '/credentials': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List your own access keys and MLflow tokens */
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
            'application/json': components['schemas']['Credentials'];
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
  '/credentials/access-keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create an access key for the AWS faces (its secret is shown only in this answer) */
    post: {
      parameters: {
        query?: never;
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
            'application/json': components['schemas']['NewAccessKeyItem'];
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
  '/credentials/access-keys/{key_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke (delete) one of your access keys */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          key_id: string;
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
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/credentials/mlflow-tokens': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create a token for the MLflow face (shown only in this answer) */
    post: {
      parameters: {
        query?: never;
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
            'application/json': components['schemas']['NewMlflowTokenItem'];
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
  '/credentials/mlflow-tokens/{token_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke (delete) one of your MLflow tokens */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          token_id: string;
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
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/endpoint-configs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List endpoint configs */
    get: {
      parameters: {
        query?: {
          name_contains?: string | null;
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
            'application/json': components['schemas']['EndpointConfigPage'];
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
    /** Create an endpoint config */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['CreateEndpointConfigRequest'];
        };
      };
      responses: {
        /** @description Success */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['EndpointConfigDetail'];
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
  '/endpoint-configs/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An endpoint config */
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
            'application/json': components['schemas']['EndpointConfigDetail'];
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
    /** Delete an endpoint config */
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
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/endpoints': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List endpoints */
    get: {
      parameters: {
        query?: {
          name_contains?: string | null;
          max_items?: number;
          next_token?: string | null;
          status?: components['schemas']['EndpointStatus'] | null;
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
            'application/json': components['schemas']['EndpointList'];
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
    /** Deploy a model on a new endpoint (model, config and endpoint in one step) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['DeployRequest'];
        };
      };
      responses: {
        /** @description Success */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['EndpointView'];
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
  '/endpoints/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An endpoint with its variants, instances and recent errors */
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
            'application/json': components['schemas']['EndpointView'];
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
    /** Delete an endpoint */
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
    options?: never;
    head?: never;
    /** Update an endpoint: another config, or new weights and instance counts */
    patch: {
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
          'application/json': components['schemas']['EndpointChange'];
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['EndpointView'];
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
    trace?: never;
  };
  '/endpoints/{name}/invocations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Invoke an endpoint (raw body; Content-Type, Accept and the X-Amzn-SageMaker-* headers as sagemaker-runtime takes them) */
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
        /** @description The model answered with an error: its status and message are in the body. */
        424: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description A backend the request needs is unavailable. */
        503: {
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
  '/endpoints/{name}/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Invocations and latency per second */
    get: {
      parameters: {
        query?: {
          seconds?: number;
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
            'application/json': components['schemas']['EndpointMetrics'];
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
  '/endpoints/{name}/variants/{variant}/autoscaling': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A variant's autoscaling policy and its current rate */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          name: string;
          variant: string;
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
            'application/json': components['schemas']['VariantScaling'];
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
    /** Set a variant's autoscaling policy */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          name: string;
          variant: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['ScalingPolicy-Input'];
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['VariantScaling'];
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
    /** Stop autoscaling a variant */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          name: string;
          variant: string;
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
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
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
  '/processing-jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List processing jobs, newest first */
    get: {
      parameters: {
        query?: {
          name_contains?: string | null;
          max_items?: number;
          next_token?: string | null;
          status?: components['schemas']['ProcessingJobStatus'] | null;
          sort_by?: components['schemas']['ProcessingSortKey'];
          sort_order?: components['schemas']['SortOrder'];
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
            'application/json': components['schemas']['ProcessingJobList'];
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
    /** Create a processing job */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['CreateProcessingJobRequest'];
        };
      };
      responses: {
        /** @description Success */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ProcessingJobDetail'];
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
  '/processing-jobs/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Describe a processing job */
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
            'application/json': components['schemas']['ProcessingJobDetail'];
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
  '/processing-jobs/{name}/logs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read an instance's log lines */
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
  '/processing-jobs/{name}/stop': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Stop a processing job */
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
            'application/json': components['schemas']['ProcessingJobDetail'];
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
  '/resources': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What runs now (the caller's, or everyone's for an admin) with instance types, run time and memory */
    get: {
      parameters: {
        query?: {
          scope?: 'mine' | 'everyone';
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
            'application/json': components['schemas']['ResourceOverview'];
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
  '/resources/stop': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Stop a kernel, app, job or endpoint (the caller's own; anyone's for an admin) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['StopResource'];
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['RunningResource'];
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
  '/resources/stop-idle': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Stop every kernel idle at least idle_minutes (admins) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['StopIdle'];
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['StoppedResources'];
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
  '/runs/{run_id}/traces': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the run's traces with their spans */
    get: {
      parameters: {
        query?: {
          max_items?: number;
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
            'application/json': components['schemas']['RunTraceList'];
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
  '/samples': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the sample notebooks */
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
            'application/json': components['schemas']['SampleList'];
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
  '/samples/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a sample notebook */
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
            'application/json': components['schemas']['SampleNotebook'];
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
  '/snapshot-recipients': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The user profiles of the caller's domain a snapshot can be sent to */
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
            'application/json': components['schemas']['SnapshotRecipients'];
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
  '/snapshots': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Snapshots the caller sent or received, newest first */
    get: {
      parameters: {
        query?: {
          box?: 'all' | 'sent' | 'received';
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
            'application/json': components['schemas']['SnapshotPage'];
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
    /** Share a read-only snapshot of a notebook (outputs, image and instance type included) with members of the domain or the whole domain */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['CreateSnapshot'];
        };
      };
      responses: {
        /** @description Success */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Snapshot'];
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
  '/snapshots/{snapshot_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A snapshot with its notebook (404 unless the caller sent or received it) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          snapshot_id: string;
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
            'application/json': components['schemas']['SnapshotDetail'];
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
    /** Delete a snapshot (its sender only) */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          snapshot_id: string;
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
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/snapshots/{snapshot_id}/copy': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Copy a snapshot into the caller's space as a notebook on the sender's image and instance type */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          snapshot_id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['CopySnapshot'];
        };
      };
      responses: {
        /** @description Success */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CopiedSnapshot'];
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
          max_items?: number;
          next_token?: string | null;
          status?: components['schemas']['TrainingJobStatus'] | null;
          sort_by?: components['schemas']['SortBy'];
          sort_order?: components['schemas']['SortOrder'];
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
  '/transform-jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List batch transform jobs, newest first */
    get: {
      parameters: {
        query?: {
          name_contains?: string | null;
          max_items?: number;
          next_token?: string | null;
          status?: components['schemas']['TransformJobStatus'] | null;
          sort_by?: components['schemas']['TransformSortKey'];
          sort_order?: components['schemas']['SortOrder'];
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
            'application/json': components['schemas']['TransformJobList'];
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
  '/transform-jobs/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Describe a batch transform job */
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
            'application/json': components['schemas']['TransformJobDetail'];
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
  '/transform-jobs/{name}/logs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a transform instance's log lines */
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
  '/transform-jobs/{name}/stop': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Stop a batch transform job */
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
            'application/json': components['schemas']['TransformJobDetail'];
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
  '/tuning-jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List tuning jobs, newest first */
    get: {
      parameters: {
        query?: {
          name_contains?: string | null;
          max_items?: number;
          next_token?: string | null;
          status?: components['schemas']['TuningJobStatus'] | null;
          sort_by?: components['schemas']['TuningJobSortBy'];
          sort_order?: components['schemas']['SortOrder'];
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
            'application/json': components['schemas']['TuningJobList'];
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
    /** Create a hyperparameter tuning job */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['CreateTuningJobRequest'];
        };
      };
      responses: {
        /** @description Success */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TuningJobDetail'];
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
  '/tuning-jobs/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Describe a tuning job */
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
            'application/json': components['schemas']['TuningJobDetail'];
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
  '/tuning-jobs/{name}/importances': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Parameter importances over the completed trials */
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
            'application/json': components['schemas']['Importances'];
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
  '/tuning-jobs/{name}/stop': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Stop a tuning job and its running trials */
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
            'application/json': components['schemas']['TuningJobDetail'];
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
  '/tuning-jobs/{name}/trials': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every trial of a tuning job */
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
            'application/json': components['schemas']['TrialTable'];
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
    /**
     * AccessKeyItem
     * @description An access key as listed (no secret).
     */
    AccessKeyItem: {
      /** Access Key Id */
      access_key_id: string;
      /** Status */
      status: string;
      /** Purpose */
      purpose: string;
      /** Creation Time */
      creation_time: number;
      /**
       * Last Used Time
       * @default null
       */
      last_used_time: number | null;
    };
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
    /**
     * AppSpecification
     * @description The image and what it runs; without an entry point the image's own runs.
     */
    'AppSpecification-Input': {
      /** Image Uri */
      image_uri: string;
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
    /**
     * AppSpecification
     * @description The image and what it runs; without an entry point the image's own runs.
     */
    'AppSpecification-Output': {
      /** Image Uri */
      image_uri: string;
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
     * AuditEvent
     * @description One entry of the audit log.
     */
    AuditEvent: {
      /**
       * Time
       * @description When (UTC milliseconds).
       */
      time: number;
      /**
       * Owner
       * @description Who acted.
       */
      owner: string;
      /**
       * Space
       * @description The space they acted in.
       */
      space: string;
      /** Face */
      face: string;
      /** Action */
      action: string;
      /**
       * Operation
       * @description The face's own name of the call.
       */
      operation: string;
      /** Resource Type */
      resource_type: string;
      /** Resource Name */
      resource_name: string;
      /**
       * Outcome
       * @description succeeded, or denied when the role did not allow it.
       */
      outcome: string;
      /** Detail */
      detail: {
        [key: string]: string;
      };
    };
    /**
     * AuditPage
     * @description A page of the audit log, newest first.
     */
    AuditPage: {
      /** Events */
      events: components['schemas']['AuditEvent'][];
      /**
       * Next Token
       * @default null
       */
      next_token: string | null;
    };
    /**
     * AwsInfo
     * @description What code outside the studio needs to use the SageMaker SDK against this server (code the
     *     server starts gets it with no configuration).
     */
    AwsInfo: {
      /** Region */
      region: string;
      /** Account Id */
      account_id: string;
      /**
       * Execution Role Arn
       * @description The role jobs run as
       */
      execution_role_arn: string;
      /**
       * Default Bucket
       * @description SageMaker's default bucket, in the S3 face (null: s3:// names a real S3)
       */
      default_bucket: string | null;
      /**
       * Defaults
       * @description The SageMaker SDK's defaults file, schema 1.0
       */
      defaults: {
        [key: string]: unknown;
      };
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
    /** BestObjectiveNotImproving */
    'BestObjectiveNotImproving-Input': {
      /**
       * Max Number Of Training Jobs Not Improving
       * @default null
       */
      max_number_of_training_jobs_not_improving?: number | null;
    };
    /** BestObjectiveNotImproving */
    'BestObjectiveNotImproving-Output': {
      /**
       * Max Number Of Training Jobs Not Improving
       * @default null
       */
      max_number_of_training_jobs_not_improving: number | null;
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
    /** CaptureContentTypeHeader */
    'CaptureContentTypeHeader-Input': {
      /** Csv Content Types */
      csv_content_types?: string[];
      /** Json Content Types */
      json_content_types?: string[];
    };
    /** CaptureContentTypeHeader */
    'CaptureContentTypeHeader-Output': {
      /** Csv Content Types */
      csv_content_types: string[];
      /** Json Content Types */
      json_content_types: string[];
    };
    /**
     * CaptureMode
     * @enum {string}
     */
    CaptureMode: 'Input' | 'Output' | 'InputAndOutput';
    /** CaptureOption */
    CaptureOption: {
      capture_mode: components['schemas']['CaptureMode'];
    };
    /**
     * CaptureStatus
     * @enum {string}
     */
    CaptureStatus: 'Started' | 'Stopped';
    /** CategoricalParameterRange */
    CategoricalParameterRange: {
      /** Name */
      name: string;
      /** Values */
      values: string[];
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
    /** ClusterConfig */
    'ClusterConfig-Input': {
      /** Instance Count */
      instance_count: number;
      /** Instance Type */
      instance_type: string;
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
    };
    /** ClusterConfig */
    'ClusterConfig-Output': {
      /** Instance Count */
      instance_count: number;
      /** Instance Type */
      instance_type: string;
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
    };
    /**
     * CompletionCriteria
     * @description ``TuningJobCompletionCriteria``.
     */
    'CompletionCriteria-Input': {
      /**
       * Target Objective Metric Value
       * @default null
       */
      target_objective_metric_value?: number | null;
      /** @default null */
      best_objective_not_improving?:
        components['schemas']['BestObjectiveNotImproving-Input'] | null;
      /** @default null */
      convergence_detected?:
        components['schemas']['ConvergenceDetected-Input'] | null;
    };
    /**
     * CompletionCriteria
     * @description ``TuningJobCompletionCriteria``.
     */
    'CompletionCriteria-Output': {
      /**
       * Target Objective Metric Value
       * @default null
       */
      target_objective_metric_value: number | null;
      /** @default null */
      best_objective_not_improving:
        components['schemas']['BestObjectiveNotImproving-Output'] | null;
      /** @default null */
      convergence_detected:
        components['schemas']['ConvergenceDetected-Output'] | null;
    };
    /**
     * CompletionDetails
     * @description ``HyperParameterTuningJobCompletionDetails``.
     */
    CompletionDetails: {
      /**
       * Number Of Training Jobs Objective Not Improving
       * @default null
       */
      number_of_training_jobs_objective_not_improving: number | null;
      /**
       * Convergence Detected Time
       * @default null
       */
      convergence_detected_time: string | null;
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
    /** ConsumedResources */
    ConsumedResources: {
      /**
       * Runtime In Seconds
       * @default null
       */
      runtime_in_seconds: number | null;
    };
    /** ContinuousParameterRange */
    'ContinuousParameterRange-Input': {
      /** Name */
      name: string;
      /** Min Value */
      min_value: string;
      /** Max Value */
      max_value: string;
      /**
       * Scaling Type
       * @default Auto
       * @enum {string}
       */
      scaling_type?: 'Auto' | 'Linear' | 'Logarithmic' | 'ReverseLogarithmic';
    };
    /** ContinuousParameterRange */
    'ContinuousParameterRange-Output': {
      /** Name */
      name: string;
      /** Min Value */
      min_value: string;
      /** Max Value */
      max_value: string;
      /**
       * Scaling Type
       * @default Auto
       * @enum {string}
       */
      scaling_type: 'Auto' | 'Linear' | 'Logarithmic' | 'ReverseLogarithmic';
    };
    /** ConvergenceDetected */
    'ConvergenceDetected-Input': {
      /**
       * Complete On Convergence
       * @default null
       */
      complete_on_convergence?: ('Disabled' | 'Enabled') | null;
    };
    /** ConvergenceDetected */
    'ConvergenceDetected-Output': {
      /**
       * Complete On Convergence
       * @default null
       */
      complete_on_convergence: ('Disabled' | 'Enabled') | null;
    };
    /**
     * CopiedSnapshot
     * @description The copy made in the caller's space.
     */
    CopiedSnapshot: {
      /** Path */
      path: string;
      /** Image */
      image: string;
      /** Instance Type */
      instance_type: string;
    };
    /**
     * CopySnapshot
     * @description ``POST /mlstudio/api/v1/snapshots/{snapshot_id}/copy``.
     */
    CopySnapshot: {
      /**
       * Path
       * @description Where to put the copy in the caller's space (default: the notebook's name in the top folder; a free name is chosen when that one is taken)
       * @default null
       */
      path?: string | null;
    };
    /**
     * CreateEndpointConfigRequest
     * @description ``CreateEndpointConfig``.
     */
    CreateEndpointConfigRequest: {
      /** Endpoint Config Name */
      endpoint_config_name: string;
      /** Production Variants */
      production_variants: components['schemas']['ProductionVariant-Input'][];
      /** @default null */
      data_capture_config?:
        components['schemas']['DataCaptureConfig-Input'] | null;
      /** Tags */
      tags?: components['schemas']['jupyterlab_mlstudio__endpoints__models__Tag'][];
      /**
       * Kms Key Id
       * @default null
       */
      kms_key_id?: string | null;
      /**
       * Async Inference Config
       * @default null
       */
      async_inference_config?: {
        [key: string]: unknown;
      } | null;
      /**
       * Shadow Production Variants
       * @default null
       */
      shadow_production_variants?:
        | {
            [key: string]: unknown;
          }[]
        | null;
      /**
       * Explainer Config
       * @default null
       */
      explainer_config?: {
        [key: string]: unknown;
      } | null;
    };
    /**
     * CreateProcessingJobRequest
     * @description ``CreateProcessingJob``: what this server runs, named as SageMaker names it.
     */
    CreateProcessingJobRequest: {
      /** Processing Job Name */
      processing_job_name: string;
      /** Processing Inputs */
      processing_inputs?: components['schemas']['ProcessingInput-Input'][];
      /** @default null */
      processing_output_config?:
        components['schemas']['ProcessingOutputConfig-Input'] | null;
      processing_resources: components['schemas']['ProcessingResources-Input'];
      /** @default null */
      stopping_condition?:
        components['schemas']['ProcessingStoppingCondition'] | null;
      app_specification: components['schemas']['AppSpecification-Input'];
      /** Environment */
      environment?: {
        [key: string]: string;
      };
      /**
       * Role Arn
       * @default null
       */
      role_arn?: string | null;
      /** @default null */
      experiment_config?:
        components['schemas']['ExperimentConfig-Input'] | null;
      /** Tags */
      tags?: components['schemas']['ResourceTag'][];
    };
    /**
     * CreateSnapshot
     * @description ``POST /mlstudio/api/v1/snapshots``: the notebook as the sender sees it.
     */
    CreateSnapshot: {
      /**
       * Path
       * @description The notebook's path in the sender's space
       */
      path: string;
      /**
       * Content
       * @description The notebook (nbformat 4 JSON) with its outputs, as shown to the sender
       */
      content: {
        [key: string]: unknown;
      };
      /**
       * Audience
       * @default members
       * @enum {string}
       */
      audience?: 'members' | 'domain';
      /**
       * Recipients
       * @description User profile names of the domain (audience 'members'; at least one)
       */
      recipients?: string[];
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
    /**
     * CreateTuningJobRequest
     * @description ``CreateHyperParameterTuningJob``.
     */
    CreateTuningJobRequest: {
      /** Hyper Parameter Tuning Job Name */
      hyper_parameter_tuning_job_name: string;
      hyper_parameter_tuning_job_config: components['schemas']['TuningJobConfig-Input'];
      /** @default null */
      training_job_definition?:
        components['schemas']['TrainingJobDefinition-Input'] | null;
      /**
       * Training Job Definitions
       * @default null
       */
      training_job_definitions?:
        components['schemas']['TrainingJobDefinition-Input'][] | null;
      /** @default null */
      warm_start_config?: components['schemas']['WarmStartConfig'] | null;
      /** Tags */
      tags?: components['schemas']['ResourceTag'][];
      /**
       * Autotune
       * @default null
       */
      autotune?: {
        [key: string]: unknown;
      } | null;
    };
    /**
     * Credentials
     * @description The caller's profile and its credentials.
     */
    Credentials: {
      /** Domain */
      domain: string;
      /** User Profile */
      user_profile: string;
      /** Access Keys */
      access_keys: components['schemas']['AccessKeyItem'][];
      /** Mlflow Tokens */
      mlflow_tokens: components['schemas']['MlflowTokenItem'][];
    };
    /**
     * DataCaptureConfig
     * @description Which requests and responses are written to the object store, and where.
     */
    'DataCaptureConfig-Input': {
      /**
       * Enable Capture
       * @default true
       */
      enable_capture?: boolean;
      /** Initial Sampling Percentage */
      initial_sampling_percentage: number;
      /** Destination S3 Uri */
      destination_s3_uri: string;
      /**
       * Kms Key Id
       * @default null
       */
      kms_key_id?: string | null;
      /** Capture Options */
      capture_options: components['schemas']['CaptureOption'][];
      /** @default null */
      capture_content_type_header?:
        components['schemas']['CaptureContentTypeHeader-Input'] | null;
    };
    /**
     * DataCaptureConfig
     * @description Which requests and responses are written to the object store, and where.
     */
    'DataCaptureConfig-Output': {
      /**
       * Enable Capture
       * @default true
       */
      enable_capture: boolean;
      /** Initial Sampling Percentage */
      initial_sampling_percentage: number;
      /** Destination S3 Uri */
      destination_s3_uri: string;
      /**
       * Kms Key Id
       * @default null
       */
      kms_key_id: string | null;
      /** Capture Options */
      capture_options: components['schemas']['CaptureOption'][];
      /** @default null */
      capture_content_type_header:
        components['schemas']['CaptureContentTypeHeader-Output'] | null;
    };
    /** DataCaptureConfigSummary */
    DataCaptureConfigSummary: {
      /** Enable Capture */
      enable_capture: boolean;
      capture_status: components['schemas']['CaptureStatus'];
      /** Current Sampling Percentage */
      current_sampling_percentage: number;
      /** Destination S3 Uri */
      destination_s3_uri: string;
      /**
       * Kms Key Id
       * @default
       */
      kms_key_id: string;
    };
    /** DataProcessing */
    DataProcessing: {
      /**
       * Input Filter
       * @default $
       */
      input_filter: string;
      /**
       * Output Filter
       * @default $
       */
      output_filter: string;
      /**
       * Join Source
       * @default None
       * @enum {string}
       */
      join_source: 'Input' | 'None';
    };
    /** DataSource */
    'DataSource-Input': {
      s3_data_source: components['schemas']['S3DataSource-Input'];
    };
    /** DataSource */
    'DataSource-Output': {
      s3_data_source: components['schemas']['S3DataSource-Output'];
    };
    /**
     * DeployRequest
     * @description ``POST /endpoints``: deploy in one step. Name exactly one source.
     */
    DeployRequest: {
      /**
       * Training Job Name
       * @description A completed training job
       * @default null
       */
      training_job_name?: string | null;
      /**
       * Registered Model Name
       * @description A registered model
       * @default null
       */
      registered_model_name?: string | null;
      /**
       * Registered Model Version
       * @description Its version number or alias (default: the newest version)
       * @default null
       */
      registered_model_version?: string | null;
      /**
       * Model Name
       * @description A model made with CreateModel
       * @default null
       */
      model_name?: string | null;
      /**
       * Endpoint Name
       * @default null
       */
      endpoint_name?: string | null;
      /**
       * Instance Type
       * @default null
       */
      instance_type?: string | null;
      /**
       * Initial Instance Count
       * @default 1
       */
      initial_instance_count?: number;
      /**
       * Variant Name
       * @default AllTraffic
       */
      variant_name?: string;
      /**
       * Image
       * @description Serve with this image instead of the source's
       * @default null
       */
      image?: string | null;
      /** Environment */
      environment?: {
        [key: string]: string;
      };
      /** @default null */
      data_capture_config?:
        components['schemas']['DataCaptureConfig-Input'] | null;
    };
    /**
     * EndpointChange
     * @description ``PATCH /endpoints/{name}``: another config, or new weights and instance counts.
     */
    EndpointChange: {
      /**
       * Endpoint Config Name
       * @default null
       */
      endpoint_config_name?: string | null;
      /**
       * Variants
       * @default null
       */
      variants?: components['schemas']['VariantChange'][] | null;
    };
    /**
     * EndpointConfigDetail
     * @description ``DescribeEndpointConfig``.
     */
    EndpointConfigDetail: {
      /** Endpoint Config Name */
      endpoint_config_name: string;
      /** Endpoint Config Arn */
      endpoint_config_arn: string;
      /** Production Variants */
      production_variants: components['schemas']['ProductionVariant-Output'][];
      /** @default null */
      data_capture_config:
        components['schemas']['DataCaptureConfig-Output'] | null;
      /**
       * Kms Key Id
       * @default null
       */
      kms_key_id: string | null;
      /**
       * Creation Time
       * Format: date-time
       */
      creation_time: string;
    };
    /** EndpointConfigPage */
    EndpointConfigPage: {
      /** Endpoint Configs */
      endpoint_configs: components['schemas']['EndpointConfigSummary'][];
      /**
       * Next Token
       * @default null
       */
      next_token: string | null;
    };
    /** EndpointConfigSummary */
    EndpointConfigSummary: {
      /** Endpoint Config Name */
      endpoint_config_name: string;
      /** Endpoint Config Arn */
      endpoint_config_arn: string;
      /**
       * Creation Time
       * Format: date-time
       */
      creation_time: string;
    };
    /** EndpointList */
    EndpointList: {
      /** Endpoints */
      endpoints: components['schemas']['EndpointSummaryView'][];
      /**
       * Next Token
       * @default null
       */
      next_token: string | null;
    };
    /**
     * EndpointMetrics
     * @description ``GET /endpoints/{name}/metrics``: per second, per variant.
     */
    EndpointMetrics: {
      /** Endpoint Name */
      endpoint_name: string;
      /** Variants */
      variants: components['schemas']['VariantSeries'][];
    };
    /**
     * EndpointStatus
     * @description ``EndpointStatus`` (the values this server reaches).
     * @enum {string}
     */
    EndpointStatus:
      | 'Creating'
      | 'InService'
      | 'Updating'
      | 'SystemUpdating'
      | 'RollingBack'
      | 'Failed'
      | 'Deleting';
    /** EndpointSummaryView */
    EndpointSummaryView: {
      /** Endpoint Name */
      endpoint_name: string;
      endpoint_status: components['schemas']['EndpointStatus'];
      /** Endpoint Config Name */
      endpoint_config_name: string;
      /**
       * Creation Time
       * Format: date-time
       */
      creation_time: string;
      /**
       * Last Modified Time
       * Format: date-time
       */
      last_modified_time: string;
      /**
       * Failure Reason
       * @default null
       */
      failure_reason: string | null;
      /** Variants */
      variants: components['schemas']['VariantSummaryView'][];
    };
    /**
     * EndpointView
     * @description ``GET /endpoints/{name}``.
     */
    EndpointView: {
      /** Endpoint Name */
      endpoint_name: string;
      /** Endpoint Arn */
      endpoint_arn: string;
      endpoint_status: components['schemas']['EndpointStatus'];
      /** Endpoint Config Name */
      endpoint_config_name: string;
      /**
       * Failure Reason
       * @default null
       */
      failure_reason: string | null;
      /**
       * Creation Time
       * Format: date-time
       */
      creation_time: string;
      /**
       * Last Modified Time
       * Format: date-time
       */
      last_modified_time: string;
      /**
       * Pending Endpoint Config Name
       * @default null
       */
      pending_endpoint_config_name: string | null;
      /** Variants */
      variants: components['schemas']['VariantView'][];
      /** @default null */
      data_capture: components['schemas']['DataCaptureConfigSummary'] | null;
      /** Recent Errors */
      recent_errors: components['schemas']['ErrorView'][];
      /** Log Group */
      log_group: string;
    };
    /** ErrorView */
    ErrorView: {
      /**
       * Time
       * @description UTC milliseconds
       */
      time: number;
      /**
       * Variant Name
       * @default null
       */
      variant_name: string | null;
      /**
       * Kind
       * @description ModelError, ServiceUnavailable, InstanceFailed, ...
       */
      kind: string;
      /** Message */
      message: string;
      /**
       * Status
       * @description The model's HTTP status, if any
       * @default null
       */
      status: number | null;
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
     * FinalObjective
     * @description ``FinalHyperParameterTuningJobObjectiveMetric``.
     */
    FinalObjective: {
      /**
       * Type
       * @default null
       */
      type: ('Maximize' | 'Minimize') | null;
      /** Metric Name */
      metric_name: string;
      /** Value */
      value: number;
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
    /** HyperbandStrategyConfig */
    'HyperbandStrategyConfig-Input': {
      /**
       * Min Resource
       * @default null
       */
      min_resource?: number | null;
      /**
       * Max Resource
       * @default null
       */
      max_resource?: number | null;
    };
    /** HyperbandStrategyConfig */
    'HyperbandStrategyConfig-Output': {
      /**
       * Min Resource
       * @default null
       */
      min_resource: number | null;
      /**
       * Max Resource
       * @default null
       */
      max_resource: number | null;
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
     * Importances
     * @description ``GET /tuning-jobs/{name}/importances``: each parameter's share of the objective's
     *     variation (sums to 1), by Optuna's default evaluator; empty with too few trials.
     */
    Importances: {
      /** Evaluator */
      evaluator: string;
      /** Completed Trials */
      completed_trials: number;
      /** Importances */
      importances: {
        [key: string]: number;
      };
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
    /**
     * InstanceView
     * @description One instance (serving unit) of a variant.
     */
    InstanceView: {
      /** Instance Id */
      instance_id: string;
      /**
       * State
       * @description Starting, InService, Draining, Failed, Restarting, Stopped
       */
      state: string;
      /** Restarts */
      restarts: number;
      /**
       * Outstanding
       * @description Requests it is answering now
       */
      outstanding: number;
      /**
       * Last Error
       * @default null
       */
      last_error: string | null;
      /** Log Stream */
      log_stream: string;
    };
    /** IntegerParameterRange */
    'IntegerParameterRange-Input': {
      /** Name */
      name: string;
      /** Min Value */
      min_value: string;
      /** Max Value */
      max_value: string;
      /**
       * Scaling Type
       * @default Auto
       * @enum {string}
       */
      scaling_type?: 'Auto' | 'Linear' | 'Logarithmic' | 'ReverseLogarithmic';
    };
    /** IntegerParameterRange */
    'IntegerParameterRange-Output': {
      /** Name */
      name: string;
      /** Min Value */
      min_value: string;
      /** Max Value */
      max_value: string;
      /**
       * Scaling Type
       * @default Auto
       * @enum {string}
       */
      scaling_type: 'Auto' | 'Linear' | 'Logarithmic' | 'ReverseLogarithmic';
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
    /**
     * MlflowTokenItem
     * @description An MLflow token as listed (its id, no secret).
     */
    MlflowTokenItem: {
      /** Token Id */
      token_id: string;
      /** Status */
      status: string;
      /** Purpose */
      purpose: string;
      /** Creation Time */
      creation_time: number;
      /**
       * Last Used Time
       * @default null
       */
      last_used_time: number | null;
    };
    /** ModelArtifacts */
    ModelArtifacts: {
      /** S3 Model Artifacts */
      s3_model_artifacts: string;
    };
    /** ModelClientConfig */
    ModelClientConfig: {
      /**
       * Invocations Timeout In Seconds
       * @default 600
       */
      invocations_timeout_in_seconds: number;
      /**
       * Invocations Max Retries
       * @default 3
       */
      invocations_max_retries: number;
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
    /**
     * NewAccessKeyItem
     * @description A key just made: its secret, shown this once.
     */
    NewAccessKeyItem: {
      /** Access Key Id */
      access_key_id: string;
      /** Status */
      status: string;
      /** Purpose */
      purpose: string;
      /** Creation Time */
      creation_time: number;
      /**
       * Last Used Time
       * @default null
       */
      last_used_time: number | null;
      /** Secret Access Key */
      secret_access_key: string;
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
    /**
     * NewMlflowTokenItem
     * @description A token just made: the whole token, shown this once.
     */
    NewMlflowTokenItem: {
      /** Token Id */
      token_id: string;
      /** Status */
      status: string;
      /** Purpose */
      purpose: string;
      /** Creation Time */
      creation_time: number;
      /**
       * Last Used Time
       * @default null
       */
      last_used_time: number | null;
      /** Token */
      token: string;
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
    /**
     * ObjectiveCounters
     * @description ``ObjectiveStatusCounters``.
     */
    ObjectiveCounters: {
      /**
       * Succeeded
       * @default 0
       */
      succeeded: number;
      /**
       * Pending
       * @default 0
       */
      pending: number;
      /**
       * Failed
       * @default 0
       */
      failed: number;
    };
    /**
     * ObjectiveStatus
     * @description A trial's ``ObjectiveStatus``.
     * @enum {string}
     */
    ObjectiveStatus: 'Succeeded' | 'Pending' | 'Failed';
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
    /**
     * ParameterRanges
     * @description ``ParameterRanges``; all three lists are always echoed (the SDK's attach reads them).
     */
    'ParameterRanges-Input': {
      /** Integer Parameter Ranges */
      integer_parameter_ranges?: components['schemas']['IntegerParameterRange-Input'][];
      /** Continuous Parameter Ranges */
      continuous_parameter_ranges?: components['schemas']['ContinuousParameterRange-Input'][];
      /** Categorical Parameter Ranges */
      categorical_parameter_ranges?: components['schemas']['CategoricalParameterRange'][];
      /**
       * Auto Parameters
       * @default null
       */
      auto_parameters?:
        | {
            [key: string]: unknown;
          }[]
        | null;
    };
    /**
     * ParameterRanges
     * @description ``ParameterRanges``; all three lists are always echoed (the SDK's attach reads them).
     */
    'ParameterRanges-Output': {
      /** Integer Parameter Ranges */
      integer_parameter_ranges: components['schemas']['IntegerParameterRange-Output'][];
      /** Continuous Parameter Ranges */
      continuous_parameter_ranges: components['schemas']['ContinuousParameterRange-Output'][];
      /** Categorical Parameter Ranges */
      categorical_parameter_ranges: components['schemas']['CategoricalParameterRange'][];
      /**
       * Auto Parameters
       * @default null
       */
      auto_parameters:
        | {
            [key: string]: unknown;
          }[]
        | null;
    };
    /** ParentTuningJob */
    ParentTuningJob: {
      /** Hyper Parameter Tuning Job Name */
      hyper_parameter_tuning_job_name: string;
    };
    /**
     * ProcessingInput
     * @description One of ``ProcessingInputs``.
     */
    'ProcessingInput-Input': {
      /** Input Name */
      input_name: string;
      /**
       * App Managed
       * @default false
       */
      app_managed?: boolean;
      /** @default null */
      s3_input?: components['schemas']['ProcessingS3Input-Input'] | null;
    };
    /**
     * ProcessingInput
     * @description One of ``ProcessingInputs``.
     */
    'ProcessingInput-Output': {
      /** Input Name */
      input_name: string;
      /**
       * App Managed
       * @default false
       */
      app_managed: boolean;
      /** @default null */
      s3_input: components['schemas']['ProcessingS3Input-Output'] | null;
    };
    /**
     * ProcessingJobDetail
     * @description The REST face's view: the description plus backend, hosts, logs and the reason it
     *     waits, if it does.
     */
    ProcessingJobDetail: {
      /** Processing Job Name */
      processing_job_name: string;
      /** Processing Job Arn */
      processing_job_arn: string;
      processing_job_status: components['schemas']['ProcessingJobStatus'];
      /** Processing Inputs */
      processing_inputs: components['schemas']['ProcessingInput-Output'][];
      /** @default null */
      processing_output_config:
        components['schemas']['ProcessingOutputConfig-Output'] | null;
      processing_resources: components['schemas']['ProcessingResources-Output'];
      /** @default null */
      stopping_condition:
        components['schemas']['ProcessingStoppingCondition'] | null;
      app_specification: components['schemas']['AppSpecification-Output'];
      /** Environment */
      environment: {
        [key: string]: string;
      };
      /**
       * Role Arn
       * @default null
       */
      role_arn: string | null;
      /** @default null */
      experiment_config:
        components['schemas']['ExperimentConfig-Output'] | null;
      /**
       * Exit Message
       * @default null
       */
      exit_message: string | null;
      /**
       * Failure Reason
       * @default null
       */
      failure_reason: string | null;
      /**
       * Processing End Time
       * @default null
       */
      processing_end_time: string | null;
      /**
       * Processing Start Time
       * @default null
       */
      processing_start_time: string | null;
      /**
       * Last Modified Time
       * @default null
       */
      last_modified_time: string | null;
      /**
       * Creation Time
       * Format: date-time
       */
      creation_time: string;
      /**
       * Backend
       * @default null
       */
      backend: string | null;
      /**
       * Status Message
       * @default null
       */
      status_message: string | null;
      /** Hosts */
      hosts: string[];
      /** Log Streams */
      log_streams: {
        [key: string]: string;
      };
    };
    /**
     * ProcessingJobList
     * @description ``GET /processing-jobs``.
     */
    ProcessingJobList: {
      /** Processing Jobs */
      processing_jobs: components['schemas']['ProcessingJobSummary'][];
      /**
       * Next Token
       * @default null
       */
      next_token: string | null;
    };
    /**
     * ProcessingJobStatus
     * @description ``ProcessingJobStatus``.
     * @enum {string}
     */
    ProcessingJobStatus:
      'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';
    /**
     * ProcessingJobSummary
     * @description One row of ``ListProcessingJobs``.
     */
    ProcessingJobSummary: {
      /** Processing Job Name */
      processing_job_name: string;
      /** Processing Job Arn */
      processing_job_arn: string;
      /**
       * Creation Time
       * Format: date-time
       */
      creation_time: string;
      /**
       * Processing End Time
       * @default null
       */
      processing_end_time: string | null;
      /**
       * Last Modified Time
       * @default null
       */
      last_modified_time: string | null;
      processing_job_status: components['schemas']['ProcessingJobStatus'];
      /**
       * Failure Reason
       * @default null
       */
      failure_reason: string | null;
      /**
       * Exit Message
       * @default null
       */
      exit_message: string | null;
    };
    /**
     * ProcessingOutput
     * @description One of ``ProcessingOutputConfig.Outputs``.
     */
    'ProcessingOutput-Input': {
      /** Output Name */
      output_name: string;
      /**
       * App Managed
       * @default false
       */
      app_managed?: boolean;
      /** @default null */
      s3_output?: components['schemas']['ProcessingS3Output-Input'] | null;
    };
    /**
     * ProcessingOutput
     * @description One of ``ProcessingOutputConfig.Outputs``.
     */
    'ProcessingOutput-Output': {
      /** Output Name */
      output_name: string;
      /**
       * App Managed
       * @default false
       */
      app_managed: boolean;
      /** @default null */
      s3_output: components['schemas']['ProcessingS3Output-Output'] | null;
    };
    /** ProcessingOutputConfig */
    'ProcessingOutputConfig-Input': {
      /** Outputs */
      outputs: components['schemas']['ProcessingOutput-Input'][];
      /**
       * Kms Key Id
       * @default null
       */
      kms_key_id?: string | null;
    };
    /** ProcessingOutputConfig */
    'ProcessingOutputConfig-Output': {
      /** Outputs */
      outputs: components['schemas']['ProcessingOutput-Output'][];
      /**
       * Kms Key Id
       * @default null
       */
      kms_key_id: string | null;
    };
    /** ProcessingResources */
    'ProcessingResources-Input': {
      cluster_config: components['schemas']['ClusterConfig-Input'];
    };
    /** ProcessingResources */
    'ProcessingResources-Output': {
      cluster_config: components['schemas']['ClusterConfig-Output'];
    };
    /**
     * ProcessingS3Input
     * @description ``S3Input``: what is copied into the container before the job starts.
     */
    'ProcessingS3Input-Input': {
      /** S3 Uri */
      s3_uri: string;
      /**
       * Local Path
       * @default null
       */
      local_path?: string | null;
      /**
       * S3 Data Type
       * @enum {string}
       */
      s3_data_type: 'S3Prefix' | 'ManifestFile';
      /**
       * S3 Input Mode
       * @default File
       */
      s3_input_mode?: ('File' | 'Pipe') | null;
      /**
       * S3 Data Distribution Type
       * @default FullyReplicated
       */
      s3_data_distribution_type?: ('FullyReplicated' | 'ShardedByS3Key') | null;
      /**
       * S3 Compression Type
       * @default None
       */
      s3_compression_type?: ('None' | 'Gzip') | null;
    };
    /**
     * ProcessingS3Input
     * @description ``S3Input``: what is copied into the container before the job starts.
     */
    'ProcessingS3Input-Output': {
      /** S3 Uri */
      s3_uri: string;
      /**
       * Local Path
       * @default null
       */
      local_path: string | null;
      /**
       * S3 Data Type
       * @enum {string}
       */
      s3_data_type: 'S3Prefix' | 'ManifestFile';
      /**
       * S3 Input Mode
       * @default File
       */
      s3_input_mode: ('File' | 'Pipe') | null;
      /**
       * S3 Data Distribution Type
       * @default FullyReplicated
       */
      s3_data_distribution_type: ('FullyReplicated' | 'ShardedByS3Key') | null;
      /**
       * S3 Compression Type
       * @default None
       */
      s3_compression_type: ('None' | 'Gzip') | null;
    };
    /**
     * ProcessingS3Output
     * @description ``S3Output``: a container folder uploaded at the end (or continuously).
     */
    'ProcessingS3Output-Input': {
      /** S3 Uri */
      s3_uri: string;
      /**
       * Local Path
       * @default null
       */
      local_path?: string | null;
      /**
       * S3 Upload Mode
       * @enum {string}
       */
      s3_upload_mode: 'Continuous' | 'EndOfJob';
    };
    /**
     * ProcessingS3Output
     * @description ``S3Output``: a container folder uploaded at the end (or continuously).
     */
    'ProcessingS3Output-Output': {
      /** S3 Uri */
      s3_uri: string;
      /**
       * Local Path
       * @default null
       */
      local_path: string | null;
      /**
       * S3 Upload Mode
       * @enum {string}
       */
      s3_upload_mode: 'Continuous' | 'EndOfJob';
    };
    /** ProcessingStoppingCondition */
    ProcessingStoppingCondition: {
      /** Max Runtime In Seconds */
      max_runtime_in_seconds: number;
    };
    /**
     * ProductionVariant
     * @description One variant of a config: a model on instances, with its share of the traffic.
     */
    'ProductionVariant-Input': {
      /** Variant Name */
      variant_name: string;
      /** Model Name */
      model_name: string;
      /** Initial Instance Count */
      initial_instance_count: number;
      /** Instance Type */
      instance_type: string;
      /**
       * Initial Variant Weight
       * @default 1
       */
      initial_variant_weight?: number;
      /**
       * Container Startup Health Check Timeout In Seconds
       * @default null
       */
      container_startup_health_check_timeout_in_seconds?: number | null;
      /**
       * Serverless Config
       * @default null
       */
      serverless_config?: {
        [key: string]: unknown;
      } | null;
    };
    /**
     * ProductionVariant
     * @description One variant of a config: a model on instances, with its share of the traffic.
     */
    'ProductionVariant-Output': {
      /** Variant Name */
      variant_name: string;
      /** Model Name */
      model_name: string;
      /** Initial Instance Count */
      initial_instance_count: number;
      /** Instance Type */
      instance_type: string;
      /**
       * Initial Variant Weight
       * @default 1
       */
      initial_variant_weight: number;
      /**
       * Container Startup Health Check Timeout In Seconds
       * @default null
       */
      container_startup_health_check_timeout_in_seconds: number | null;
      /**
       * Serverless Config
       * @default null
       */
      serverless_config: {
        [key: string]: unknown;
      } | null;
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
    /** RatePoint */
    RatePoint: {
      /**
       * Time
       * @description Start of the second, UTC milliseconds
       */
      time: number;
      /** Invocations */
      invocations: number;
      /** Errors */
      errors: number;
      /**
       * P50 Ms
       * @default null
       */
      p50_ms: number | null;
      /**
       * P99 Ms
       * @default null
       */
      p99_ms: number | null;
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
    /** ResourceLimits */
    'ResourceLimits-Input': {
      /**
       * Max Number Of Training Jobs
       * @default null
       */
      max_number_of_training_jobs?: number | null;
      /** Max Parallel Training Jobs */
      max_parallel_training_jobs: number;
      /**
       * Max Runtime In Seconds
       * @default null
       */
      max_runtime_in_seconds?: number | null;
    };
    /** ResourceLimits */
    'ResourceLimits-Output': {
      /**
       * Max Number Of Training Jobs
       * @default null
       */
      max_number_of_training_jobs: number | null;
      /** Max Parallel Training Jobs */
      max_parallel_training_jobs: number;
      /**
       * Max Runtime In Seconds
       * @default null
       */
      max_runtime_in_seconds: number | null;
    };
    /**
     * ResourceOverview
     * @description What runs, oldest first.
     */
    ResourceOverview: {
      /**
       * Scope
       * @enum {string}
       */
      scope: 'mine' | 'everyone';
      /**
       * Is Admin
       * @description Whether the caller may see and stop everyone's
       */
      is_admin: boolean;
      /** Resources */
      resources: components['schemas']['RunningResource'][];
      /** Memory Reserved Bytes */
      memory_reserved_bytes: number;
      /** Memory Used Bytes */
      memory_used_bytes: number;
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
      tags?: components['schemas']['jupyterlab_mlstudio__experiments__models__Tag'][];
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
    /**
     * RunTraceList
     * @description A run's traces, newest first.
     */
    RunTraceList: {
      /** Traces */
      traces: components['schemas']['TraceView'][];
    };
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
    /**
     * RunningResource
     * @description One thing that runs now.
     */
    RunningResource: {
      /**
       * Kind
       * @enum {string}
       */
      kind:
        | 'kernel'
        | 'app'
        | 'training-job'
        | 'processing-job'
        | 'transform-job'
        | 'endpoint';
      /**
       * Id
       * @description What stops it: a kernel id, a job's or endpoint's name, an app
       */
      id: string;
      /**
       * Name
       * @description As people know it: the notebook, the job, the endpoint
       */
      name: string;
      /** Owner */
      owner: string;
      /** Instance Type */
      instance_type: string;
      /**
       * Since
       * @description When it started (UTC milliseconds)
       */
      since: number;
      /** Run Seconds */
      run_seconds: number;
      /**
       * Memory Reserved Bytes
       * @description Memory its instance type holds (0: none)
       */
      memory_reserved_bytes: number;
      /**
       * Memory Used Bytes
       * @description Memory it uses now, where it is measured (kernels)
       * @default null
       */
      memory_used_bytes: number | null;
      /**
       * Idle Seconds
       * @description How long it has been idle (kernels; null while busy)
       * @default null
       */
      idle_seconds: number | null;
      /**
       * Units
       * @description Hosts or replicas it runs on
       * @default 1
       */
      units: number;
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
    /** SampleList */
    SampleList: {
      /** Samples */
      samples: components['schemas']['SampleSummary'][];
    };
    /**
     * SampleNotebook
     * @description A sample with its notebook (nbformat 4 JSON), ready to save into the workspace.
     */
    SampleNotebook: {
      /**
       * Name
       * @description The notebook's file name, e.g. kmeans_digits.ipynb
       */
      name: string;
      /** Title */
      title: string;
      /** Description */
      description: string;
      /** Content */
      content: {
        [key: string]: unknown;
      };
    };
    /**
     * SampleSummary
     * @description A sample as the launcher and the sidebar list it.
     */
    SampleSummary: {
      /**
       * Name
       * @description The notebook's file name, e.g. kmeans_digits.ipynb
       */
      name: string;
      /** Title */
      title: string;
      /** Description */
      description: string;
    };
    /**
     * ScalingPolicy
     * @description A variant's autoscaling, as the REST face and the UI see it.
     */
    'ScalingPolicy-Input': {
      /** Min Capacity */
      min_capacity: number;
      /** Max Capacity */
      max_capacity: number;
      /**
       * Target Invocations Per Instance
       * @description Invocations per instance per minute the policy aims for
       */
      target_invocations_per_instance: number;
      /**
       * Scale Out Cooldown
       * @default 300
       */
      scale_out_cooldown?: number;
      /**
       * Scale In Cooldown
       * @default 300
       */
      scale_in_cooldown?: number;
      /**
       * Disable Scale In
       * @default false
       */
      disable_scale_in?: boolean;
      /**
       * Policy Name
       * @default mlstudio-target-tracking
       */
      policy_name?: string;
    };
    /**
     * ScalingPolicy
     * @description A variant's autoscaling, as the REST face and the UI see it.
     */
    'ScalingPolicy-Output': {
      /** Min Capacity */
      min_capacity: number;
      /** Max Capacity */
      max_capacity: number;
      /**
       * Target Invocations Per Instance
       * @description Invocations per instance per minute the policy aims for
       */
      target_invocations_per_instance: number;
      /**
       * Scale Out Cooldown
       * @default 300
       */
      scale_out_cooldown: number;
      /**
       * Scale In Cooldown
       * @default 300
       */
      scale_in_cooldown: number;
      /**
       * Disable Scale In
       * @default false
       */
      disable_scale_in: boolean;
      /**
       * Policy Name
       * @default mlstudio-target-tracking
       */
      policy_name: string;
    };
    /** SearchedParameter */
    SearchedParameter: {
      /** Name */
      name: string;
      /**
       * Kind
       * @description continuous, integer or categorical
       */
      kind: string;
      /**
       * Scale
       * @default null
       */
      scale: string | null;
      /**
       * Min
       * @default null
       */
      min: number | null;
      /**
       * Max
       * @default null
       */
      max: number | null;
      /**
       * Values
       * @default null
       */
      values: string[] | null;
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
     * Snapshot
     * @description A read-only snapshot of a notebook. Times are UTC milliseconds.
     */
    Snapshot: {
      /** Snapshot Id */
      snapshot_id: string;
      /**
       * Name
       * @description The notebook's file name
       */
      name: string;
      /**
       * Source Path
       * @description Where the notebook was in the sender's space
       */
      source_path: string;
      /**
       * Audience
       * @enum {string}
       */
      audience: 'members' | 'domain';
      /** Recipients */
      recipients: string[];
      /**
       * Sender
       * @description The sender's user profile
       */
      sender: string;
      /**
       * Image
       * @description The notebook's image ('' when it named none)
       */
      image: string;
      /**
       * Instance Type
       * @description The notebook's instance type ('' when it named none)
       */
      instance_type: string;
      /** Size Bytes */
      size_bytes: number;
      /** Cell Count */
      cell_count: number;
      /** Creation Time */
      creation_time: number;
      /**
       * Sent By Me
       * @description Whether the caller sent it
       */
      sent_by_me: boolean;
    };
    /**
     * SnapshotDetail
     * @description A snapshot with its notebook.
     */
    SnapshotDetail: {
      /** Snapshot Id */
      snapshot_id: string;
      /**
       * Name
       * @description The notebook's file name
       */
      name: string;
      /**
       * Source Path
       * @description Where the notebook was in the sender's space
       */
      source_path: string;
      /**
       * Audience
       * @enum {string}
       */
      audience: 'members' | 'domain';
      /** Recipients */
      recipients: string[];
      /**
       * Sender
       * @description The sender's user profile
       */
      sender: string;
      /**
       * Image
       * @description The notebook's image ('' when it named none)
       */
      image: string;
      /**
       * Instance Type
       * @description The notebook's instance type ('' when it named none)
       */
      instance_type: string;
      /** Size Bytes */
      size_bytes: number;
      /** Cell Count */
      cell_count: number;
      /** Creation Time */
      creation_time: number;
      /**
       * Sent By Me
       * @description Whether the caller sent it
       */
      sent_by_me: boolean;
      /** Content */
      content: {
        [key: string]: unknown;
      };
    };
    /**
     * SnapshotPage
     * @description One page of snapshots.
     */
    SnapshotPage: {
      /** Snapshots */
      snapshots: components['schemas']['Snapshot'][];
      /**
       * Next Token
       * @default null
       */
      next_token: string | null;
    };
    /**
     * SnapshotRecipients
     * @description Who the caller can share with: the domain's other user profiles.
     */
    SnapshotRecipients: {
      /**
       * Me
       * @description The caller's own profile name
       */
      me: string;
      /** Domain */
      domain: string;
      /** Profiles */
      profiles: string[];
    };
    /**
     * SpanView
     * @description One span of a trace, timed from the trace's first span.
     */
    SpanView: {
      /** Span Id */
      span_id: string;
      /**
       * Parent Span Id
       * @default null
       */
      parent_span_id: string | null;
      /** Name */
      name: string;
      /**
       * Span Type
       * @default null
       */
      span_type: string | null;
      /**
       * Status
       * @description OK, ERROR or UNSET
       */
      status: string;
      /**
       * Start Offset Us
       * @description Microseconds after the trace's first span began
       */
      start_offset_us: number;
      /**
       * Duration Us
       * @description None while the span is open
       * @default null
       */
      duration_us: number | null;
      /**
       * Inputs
       * @default null
       */
      inputs: unknown;
      /**
       * Outputs
       * @default null
       */
      outputs: unknown;
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
      /** @default null */
      aws: components['schemas']['AwsInfo'] | null;
      /** @description The host's capacity ledger: memory, GPUs and CPUs reserved by kernels and jobs, and by whom */
      capacity: components['schemas']['CapacityReport'];
    };
    /**
     * StatusCounters
     * @description ``TrainingJobStatusCounters``.
     */
    StatusCounters: {
      /**
       * Completed
       * @default 0
       */
      completed: number;
      /**
       * In Progress
       * @default 0
       */
      in_progress: number;
      /**
       * Retryable Error
       * @default 0
       */
      retryable_error: number;
      /**
       * Non Retryable Error
       * @default 0
       */
      non_retryable_error: number;
      /**
       * Stopped
       * @default 0
       */
      stopped: number;
    };
    /**
     * StopIdle
     * @description ``POST /mlstudio/api/v1/resources/stop-idle``: admins stop every kernel idle this long.
     */
    StopIdle: {
      /**
       * Idle Minutes
       * @default 60
       */
      idle_minutes?: number;
    };
    /**
     * StopResource
     * @description ``POST /mlstudio/api/v1/resources/stop``.
     */
    StopResource: {
      /**
       * Kind
       * @enum {string}
       */
      kind:
        | 'kernel'
        | 'app'
        | 'training-job'
        | 'processing-job'
        | 'transform-job'
        | 'endpoint';
      /** Id */
      id: string;
    };
    /**
     * StoppedResources
     * @description What a stop request stopped.
     */
    StoppedResources: {
      /** Stopped */
      stopped: components['schemas']['RunningResource'][];
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
    /**
     * StrategyConfig
     * @description ``HyperParameterTuningJobStrategyConfig``.
     */
    'StrategyConfig-Input': {
      /** @default null */
      hyperband_strategy_config?:
        components['schemas']['HyperbandStrategyConfig-Input'] | null;
    };
    /**
     * StrategyConfig
     * @description ``HyperParameterTuningJobStrategyConfig``.
     */
    'StrategyConfig-Output': {
      /** @default null */
      hyperband_strategy_config:
        components['schemas']['HyperbandStrategyConfig-Output'] | null;
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
    /**
     * TraceView
     * @description One trace and its spans, in the order they began.
     */
    TraceView: {
      /** Trace Id */
      trace_id: string;
      /**
       * Name
       * @default null
       */
      name: string | null;
      /** State */
      state: string;
      /** Request Time */
      request_time: number;
      /**
       * Execution Duration
       * @default null
       */
      execution_duration: number | null;
      /** Spans */
      spans: components['schemas']['SpanView'][];
    };
    /**
     * TrainingJobDefinition
     * @description ``HyperParameterTrainingJobDefinition``: what every trial of a definition runs.
     */
    'TrainingJobDefinition-Input': {
      /**
       * Definition Name
       * @default null
       */
      definition_name?: string | null;
      /** @default null */
      tuning_objective?: components['schemas']['TuningObjective'] | null;
      /** @default null */
      hyper_parameter_ranges?:
        components['schemas']['ParameterRanges-Input'] | null;
      /** Static Hyper Parameters */
      static_hyper_parameters?: {
        [key: string]: string;
      };
      algorithm_specification: components['schemas']['TuningAlgorithmSpecification-Input'];
      /**
       * Role Arn
       * @default null
       */
      role_arn?: string | null;
      /** Input Data Config */
      input_data_config?: components['schemas']['Channel-Input'][];
      output_data_config: components['schemas']['OutputDataConfig-Input'];
      /** @default null */
      resource_config?: components['schemas']['ResourceConfig-Input'] | null;
      /** @default null */
      hyper_parameter_tuning_resource_config?:
        components['schemas']['TuningResourceConfig-Input'] | null;
      stopping_condition?: components['schemas']['StoppingCondition-Input'];
      /** @default null */
      checkpoint_config?:
        components['schemas']['CheckpointConfig-Input'] | null;
      /** Environment */
      environment?: {
        [key: string]: string;
      };
    };
    /**
     * TrainingJobDefinition
     * @description ``HyperParameterTrainingJobDefinition``: what every trial of a definition runs.
     */
    'TrainingJobDefinition-Output': {
      /**
       * Definition Name
       * @default null
       */
      definition_name: string | null;
      /** @default null */
      tuning_objective: components['schemas']['TuningObjective'] | null;
      /** @default null */
      hyper_parameter_ranges:
        components['schemas']['ParameterRanges-Output'] | null;
      /** Static Hyper Parameters */
      static_hyper_parameters: {
        [key: string]: string;
      };
      algorithm_specification: components['schemas']['TuningAlgorithmSpecification-Output'];
      /**
       * Role Arn
       * @default null
       */
      role_arn: string | null;
      /** Input Data Config */
      input_data_config: components['schemas']['Channel-Output'][];
      output_data_config: components['schemas']['OutputDataConfig-Output'];
      /** @default null */
      resource_config: components['schemas']['ResourceConfig-Output'] | null;
      /** @default null */
      hyper_parameter_tuning_resource_config:
        components['schemas']['TuningResourceConfig-Output'] | null;
      stopping_condition: components['schemas']['StoppingCondition-Output'];
      /** @default null */
      checkpoint_config:
        components['schemas']['CheckpointConfig-Output'] | null;
      /** Environment */
      environment: {
        [key: string]: string;
      };
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
       * Billable Time In Seconds
       * @default null
       */
      billable_time_in_seconds: number | null;
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
       * Tuning Job Arn
       * @default null
       */
      tuning_job_arn: string | null;
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
    /** TransformDataSource */
    TransformDataSource: {
      s3_data_source: components['schemas']['TransformS3DataSource'];
    };
    /** TransformInput */
    TransformInput: {
      data_source: components['schemas']['TransformDataSource'];
      /**
       * Content Type
       * @default null
       */
      content_type: string | null;
      /**
       * Compression Type
       * @default None
       * @enum {string}
       */
      compression_type: 'None' | 'Gzip';
      /**
       * Split Type
       * @default None
       * @enum {string}
       */
      split_type: 'None' | 'Line' | 'RecordIO' | 'TFRecord';
    };
    /**
     * TransformJobDetail
     * @description The REST face's view: the description plus progress, backend, logs, the reason it
     *     waits, if it does, and the state machine's transitions (oldest first).
     */
    TransformJobDetail: {
      /** Transform Job Name */
      transform_job_name: string;
      /** Transform Job Arn */
      transform_job_arn: string;
      transform_job_status: components['schemas']['TransformJobStatus'];
      /**
       * Failure Reason
       * @default null
       */
      failure_reason: string | null;
      /** Model Name */
      model_name: string;
      /**
       * Max Concurrent Transforms
       * @default null
       */
      max_concurrent_transforms: number | null;
      /** @default null */
      model_client_config: components['schemas']['ModelClientConfig'] | null;
      /**
       * Max Payload In Mb
       * @default null
       */
      max_payload_in_mb: number | null;
      /**
       * Batch Strategy
       * @default null
       */
      batch_strategy: string | null;
      /** Environment */
      environment: {
        [key: string]: string;
      };
      transform_input: components['schemas']['TransformInput'];
      transform_output: components['schemas']['TransformOutput'];
      transform_resources: components['schemas']['TransformResources'];
      /**
       * Creation Time
       * Format: date-time
       */
      creation_time: string;
      /**
       * Transform Start Time
       * @default null
       */
      transform_start_time: string | null;
      /**
       * Transform End Time
       * @default null
       */
      transform_end_time: string | null;
      /** @default null */
      data_processing: components['schemas']['DataProcessing'] | null;
      /** @default null */
      experiment_config:
        components['schemas']['ExperimentConfig-Output'] | null;
      /**
       * Last Modified Time
       * Format: date-time
       */
      last_modified_time: string;
      /**
       * Backend
       * @default null
       */
      backend: string | null;
      /**
       * Model Image
       * @description The image (or interpreter) the model was served with
       * @default null
       */
      model_image: string | null;
      /**
       * Model Data Url
       * @description The model's artifact
       * @default null
       */
      model_data_url: string | null;
      progress: components['schemas']['TransformProgress'];
      /**
       * Status Message
       * @default null
       */
      status_message: string | null;
      /** Log Streams */
      log_streams: string[];
      /** Status Transitions */
      status_transitions: components['schemas']['SecondaryStatusTransition'][];
    };
    /**
     * TransformJobList
     * @description ``GET /transform-jobs``.
     */
    TransformJobList: {
      /** Transform Jobs */
      transform_jobs: components['schemas']['TransformJobSummary'][];
      /**
       * Next Token
       * @default null
       */
      next_token: string | null;
    };
    /**
     * TransformJobStatus
     * @description ``TransformJobStatus``.
     * @enum {string}
     */
    TransformJobStatus:
      'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';
    /**
     * TransformJobSummary
     * @description One row of ``ListTransformJobs``.
     */
    TransformJobSummary: {
      /** Transform Job Name */
      transform_job_name: string;
      /** Transform Job Arn */
      transform_job_arn: string;
      /**
       * Creation Time
       * Format: date-time
       */
      creation_time: string;
      /**
       * Transform End Time
       * @default null
       */
      transform_end_time: string | null;
      /**
       * Last Modified Time
       * @default null
       */
      last_modified_time: string | null;
      transform_job_status: components['schemas']['TransformJobStatus'];
      /**
       * Failure Reason
       * @default null
       */
      failure_reason: string | null;
    };
    /** TransformOutput */
    TransformOutput: {
      /** S3 Output Path */
      s3_output_path: string;
      /**
       * Accept
       * @default null
       */
      accept: string | null;
      /**
       * Assemble With
       * @default None
       * @enum {string}
       */
      assemble_with: 'None' | 'Line';
      /**
       * Kms Key Id
       * @default null
       */
      kms_key_id: string | null;
    };
    /**
     * TransformProgress
     * @description How far a transform job is: objects and records done so far.
     */
    TransformProgress: {
      /**
       * Objects Total
       * @description Input objects found
       * @default null
       */
      objects_total: number | null;
      /**
       * Objects Done
       * @default 0
       */
      objects_done: number;
      /**
       * Records Done
       * @default 0
       */
      records_done: number;
      /**
       * Requests Done
       * @default 0
       */
      requests_done: number;
    };
    /** TransformResources */
    TransformResources: {
      /** Instance Type */
      instance_type: string;
      /**
       * Instance Count
       * @default 1
       */
      instance_count: number;
      /**
       * Volume Kms Key Id
       * @default null
       */
      volume_kms_key_id: string | null;
      /**
       * Transform Ami Version
       * @default null
       */
      transform_ami_version: string | null;
    };
    /** TransformS3DataSource */
    TransformS3DataSource: {
      /**
       * S3 Data Type
       * @default S3Prefix
       * @enum {string}
       */
      s3_data_type: 'S3Prefix' | 'ManifestFile' | 'AugmentedManifestFile';
      /** S3 Uri */
      s3_uri: string;
    };
    /**
     * TrialRow
     * @description One trial, for tables and charts.
     */
    TrialRow: {
      /** Number */
      number: number;
      /** Training Job Name */
      training_job_name: string;
      /**
       * Definition Name
       * @default null
       */
      definition_name: string | null;
      /**
       * Status
       * @description The training job's TrainingJobStatus
       */
      status: string;
      /** Secondary Status */
      secondary_status: string;
      /**
       * Objective
       * @default null
       */
      objective: number | null;
      /** Objective Status */
      objective_status: string;
      /** Hyperparameters */
      hyperparameters: {
        [key: string]: string;
      };
      /** Creation Time */
      creation_time: number;
      /**
       * Start Time
       * @default null
       */
      start_time: number | null;
      /**
       * End Time
       * @default null
       */
      end_time: number | null;
      /**
       * Duration Seconds
       * @default null
       */
      duration_seconds: number | null;
      /**
       * Run Id
       * @default null
       */
      run_id: string | null;
      /**
       * Reason
       * @description Why it failed or was stopped early
       * @default null
       */
      reason: string | null;
    };
    /**
     * TrialSummary
     * @description ``HyperParameterTrainingJobSummary``: one trial.
     */
    TrialSummary: {
      /**
       * Training Job Definition Name
       * @default null
       */
      training_job_definition_name: string | null;
      /** Training Job Name */
      training_job_name: string;
      /** Training Job Arn */
      training_job_arn: string;
      /**
       * Tuning Job Name
       * @default null
       */
      tuning_job_name: string | null;
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
      training_job_status: components['schemas']['TrainingJobStatus'];
      /** Tuned Hyper Parameters */
      tuned_hyper_parameters: {
        [key: string]: string;
      };
      /**
       * Failure Reason
       * @default null
       */
      failure_reason: string | null;
      /** @default null */
      final_hyper_parameter_tuning_job_objective_metric:
        components['schemas']['FinalObjective'] | null;
      /** @default null */
      objective_status: components['schemas']['ObjectiveStatus'] | null;
    };
    /**
     * TrialTable
     * @description ``GET /tuning-jobs/{name}/trials``: every trial, by number.
     */
    TrialTable: {
      /** Objective Metric */
      objective_metric: string;
      /** Objective Type */
      objective_type: string;
      /** Parameters */
      parameters: components['schemas']['SearchedParameter'][];
      /** Trials */
      trials: components['schemas']['TrialRow'][];
    };
    /**
     * TuningAlgorithmSpecification
     * @description ``HyperParameterAlgorithmSpecification``.
     */
    'TuningAlgorithmSpecification-Input': {
      /**
       * Training Image
       * @default null
       */
      training_image?: string | null;
      /**
       * Training Input Mode
       * @default File
       * @enum {string}
       */
      training_input_mode?: 'File' | 'FastFile';
      /**
       * Algorithm Name
       * @default null
       */
      algorithm_name?: string | null;
      /** Metric Definitions */
      metric_definitions?: components['schemas']['MetricDefinition'][];
    };
    /**
     * TuningAlgorithmSpecification
     * @description ``HyperParameterAlgorithmSpecification``.
     */
    'TuningAlgorithmSpecification-Output': {
      /**
       * Training Image
       * @default null
       */
      training_image: string | null;
      /**
       * Training Input Mode
       * @default File
       * @enum {string}
       */
      training_input_mode: 'File' | 'FastFile';
      /**
       * Algorithm Name
       * @default null
       */
      algorithm_name: string | null;
      /** Metric Definitions */
      metric_definitions: components['schemas']['MetricDefinition'][];
    };
    /** TuningInstanceConfig */
    TuningInstanceConfig: {
      /** Instance Type */
      instance_type: string;
      /** Instance Count */
      instance_count: number;
      /** Volume Size In Gb */
      volume_size_in_gb: number;
    };
    /**
     * TuningJobConfig
     * @description ``HyperParameterTuningJobConfig``.
     */
    'TuningJobConfig-Input': {
      /**
       * Strategy
       * @enum {string}
       */
      strategy: 'Bayesian' | 'Random' | 'Hyperband' | 'Grid';
      /** @default null */
      strategy_config?: components['schemas']['StrategyConfig-Input'] | null;
      /** @default null */
      hyper_parameter_tuning_job_objective?:
        components['schemas']['TuningObjective'] | null;
      resource_limits: components['schemas']['ResourceLimits-Input'];
      /** @default null */
      parameter_ranges?: components['schemas']['ParameterRanges-Input'] | null;
      /**
       * Training Job Early Stopping Type
       * @default Off
       * @enum {string}
       */
      training_job_early_stopping_type?: 'Off' | 'Auto';
      /** @default null */
      tuning_job_completion_criteria?:
        components['schemas']['CompletionCriteria-Input'] | null;
      /**
       * Random Seed
       * @default null
       */
      random_seed?: number | null;
    };
    /**
     * TuningJobConfig
     * @description ``HyperParameterTuningJobConfig``.
     */
    'TuningJobConfig-Output': {
      /**
       * Strategy
       * @enum {string}
       */
      strategy: 'Bayesian' | 'Random' | 'Hyperband' | 'Grid';
      /** @default null */
      strategy_config: components['schemas']['StrategyConfig-Output'] | null;
      /** @default null */
      hyper_parameter_tuning_job_objective:
        components['schemas']['TuningObjective'] | null;
      resource_limits: components['schemas']['ResourceLimits-Output'];
      /** @default null */
      parameter_ranges: components['schemas']['ParameterRanges-Output'] | null;
      /**
       * Training Job Early Stopping Type
       * @default Off
       * @enum {string}
       */
      training_job_early_stopping_type: 'Off' | 'Auto';
      /** @default null */
      tuning_job_completion_criteria:
        components['schemas']['CompletionCriteria-Output'] | null;
      /**
       * Random Seed
       * @default null
       */
      random_seed: number | null;
    };
    /**
     * TuningJobDetail
     * @description The REST face's view: the SageMaker description plus what the UI shows.
     */
    TuningJobDetail: {
      /** Hyper Parameter Tuning Job Name */
      hyper_parameter_tuning_job_name: string;
      /** Hyper Parameter Tuning Job Arn */
      hyper_parameter_tuning_job_arn: string;
      hyper_parameter_tuning_job_config: components['schemas']['TuningJobConfig-Output'];
      /** @default null */
      training_job_definition:
        components['schemas']['TrainingJobDefinition-Output'] | null;
      /**
       * Training Job Definitions
       * @default null
       */
      training_job_definitions:
        components['schemas']['TrainingJobDefinition-Output'][] | null;
      hyper_parameter_tuning_job_status: components['schemas']['TuningJobStatus'];
      /**
       * Creation Time
       * Format: date-time
       */
      creation_time: string;
      /**
       * Hyper Parameter Tuning End Time
       * @default null
       */
      hyper_parameter_tuning_end_time: string | null;
      /**
       * Last Modified Time
       * @default null
       */
      last_modified_time: string | null;
      training_job_status_counters: components['schemas']['StatusCounters'];
      objective_status_counters: components['schemas']['ObjectiveCounters'];
      /** @default null */
      best_training_job: components['schemas']['TrialSummary'] | null;
      /** @default null */
      overall_best_training_job: components['schemas']['TrialSummary'] | null;
      /** @default null */
      warm_start_config: components['schemas']['WarmStartConfig'] | null;
      /**
       * Failure Reason
       * @default null
       */
      failure_reason: string | null;
      /** @default null */
      tuning_job_completion_details:
        components['schemas']['CompletionDetails'] | null;
      /** @default null */
      consumed_resources: components['schemas']['ConsumedResources'] | null;
      /** Experiment Name */
      experiment_name: string;
      /**
       * Trials Launched
       * @description Trials the tuner has created so far
       */
      trials_launched: number;
      /**
       * Max Trials
       * @description The budget: MaxNumberOfTrainingJobs (Grid: its size)
       */
      max_trials: number;
    };
    /**
     * TuningJobList
     * @description ``GET /tuning-jobs``.
     */
    TuningJobList: {
      /** Tuning Jobs */
      tuning_jobs: components['schemas']['TuningJobSummary'][];
      /**
       * Next Token
       * @default null
       */
      next_token: string | null;
    };
    /**
     * TuningJobStatus
     * @description ``HyperParameterTuningJobStatus`` (Deleting and DeleteFailed are never reached here).
     * @enum {string}
     */
    TuningJobStatus:
      'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';
    /**
     * TuningJobSummary
     * @description ``HyperParameterTuningJobSummary``: one row of ``ListHyperParameterTuningJobs``.
     */
    TuningJobSummary: {
      /** Hyper Parameter Tuning Job Name */
      hyper_parameter_tuning_job_name: string;
      /** Hyper Parameter Tuning Job Arn */
      hyper_parameter_tuning_job_arn: string;
      hyper_parameter_tuning_job_status: components['schemas']['TuningJobStatus'];
      /**
       * Strategy
       * @enum {string}
       */
      strategy: 'Bayesian' | 'Random' | 'Hyperband' | 'Grid';
      /**
       * Creation Time
       * Format: date-time
       */
      creation_time: string;
      /**
       * Hyper Parameter Tuning End Time
       * @default null
       */
      hyper_parameter_tuning_end_time: string | null;
      /**
       * Last Modified Time
       * @default null
       */
      last_modified_time: string | null;
      training_job_status_counters: components['schemas']['StatusCounters'];
      objective_status_counters: components['schemas']['ObjectiveCounters'];
      /** @default null */
      resource_limits: components['schemas']['ResourceLimits-Output'] | null;
    };
    /**
     * TuningObjective
     * @description ``HyperParameterTuningJobObjective``.
     */
    TuningObjective: {
      /**
       * Type
       * @enum {string}
       */
      type: 'Maximize' | 'Minimize';
      /** Metric Name */
      metric_name: string;
    };
    /**
     * TuningResourceConfig
     * @description ``HyperParameterTuningResourceConfig`` (what the v2 SDK sends instead of
     *     ResourceConfig).
     */
    'TuningResourceConfig-Input': {
      /**
       * Instance Type
       * @default null
       */
      instance_type?: string | null;
      /**
       * Instance Count
       * @default null
       */
      instance_count?: number | null;
      /**
       * Volume Size In Gb
       * @default null
       */
      volume_size_in_gb?: number | null;
      /**
       * Volume Kms Key Id
       * @default null
       */
      volume_kms_key_id?: string | null;
      /**
       * Allocation Strategy
       * @default null
       */
      allocation_strategy?: 'Prioritized' | null;
      /**
       * Instance Configs
       * @default null
       */
      instance_configs?: components['schemas']['TuningInstanceConfig'][] | null;
    };
    /**
     * TuningResourceConfig
     * @description ``HyperParameterTuningResourceConfig`` (what the v2 SDK sends instead of
     *     ResourceConfig).
     */
    'TuningResourceConfig-Output': {
      /**
       * Instance Type
       * @default null
       */
      instance_type: string | null;
      /**
       * Instance Count
       * @default null
       */
      instance_count: number | null;
      /**
       * Volume Size In Gb
       * @default null
       */
      volume_size_in_gb: number | null;
      /**
       * Volume Kms Key Id
       * @default null
       */
      volume_kms_key_id: string | null;
      /**
       * Allocation Strategy
       * @default null
       */
      allocation_strategy: 'Prioritized' | null;
      /**
       * Instance Configs
       * @default null
       */
      instance_configs: components['schemas']['TuningInstanceConfig'][] | null;
    };
    /** Upload */
    Upload: {
      /** Uri */
      uri: string;
      /** Size */
      size: number;
    };
    /** VariantChange */
    VariantChange: {
      /** Variant Name */
      variant_name: string;
      /**
       * Weight
       * @default null
       */
      weight?: number | null;
      /**
       * Instance Count
       * @default null
       */
      instance_count?: number | null;
    };
    /**
     * VariantScaling
     * @description ``GET /endpoints/{name}/variants/{variant}/autoscaling``.
     */
    VariantScaling: {
      /** Variant Name */
      variant_name: string;
      /** @default null */
      policy: components['schemas']['ScalingPolicy-Output'] | null;
      /**
       * Invocations Per Instance
       * @description Invocations per instance per minute over the autoscaler's window, now
       */
      invocations_per_instance: number;
      /** Activities */
      activities: {
        [key: string]: unknown;
      }[];
    };
    /** VariantSeries */
    VariantSeries: {
      /** Variant Name */
      variant_name: string;
      /** Points */
      points: components['schemas']['RatePoint'][];
    };
    /** VariantSummaryView */
    VariantSummaryView: {
      /** Variant Name */
      variant_name: string;
      /** Instance Type */
      instance_type: string;
      /** Current Instance Count */
      current_instance_count: number;
      /** Desired Instance Count */
      desired_instance_count: number;
      /** Current Weight */
      current_weight: number;
    };
    /** VariantView */
    VariantView: {
      /** Variant Name */
      variant_name: string;
      /** Model Name */
      model_name: string;
      /** Instance Type */
      instance_type: string;
      /** Current Weight */
      current_weight: number;
      /** Desired Weight */
      desired_weight: number;
      /** Current Instance Count */
      current_instance_count: number;
      /** Desired Instance Count */
      desired_instance_count: number;
      /** Instances */
      instances: components['schemas']['InstanceView'][];
      /** @default null */
      autoscaling: components['schemas']['ScalingPolicy-Output'] | null;
      /**
       * Invocations
       * @description Invocations since the server started serving it
       */
      invocations: number;
      /** Errors */
      errors: number;
    };
    /**
     * WarmStartConfig
     * @description ``HyperParameterTuningJobWarmStartConfig``.
     */
    WarmStartConfig: {
      /** Parent Hyper Parameter Tuning Jobs */
      parent_hyper_parameter_tuning_jobs: components['schemas']['ParentTuningJob'][];
      /**
       * Warm Start Type
       * @enum {string}
       */
      warm_start_type: 'IdenticalDataAndAlgorithm' | 'TransferLearning';
    };
    /** Tag */
    jupyterlab_mlstudio__endpoints__models__Tag: {
      /** Key */
      key: string;
      /**
       * Value
       * @default
       */
      value?: string;
    };
    /** Tag */
    jupyterlab_mlstudio__experiments__models__Tag: {
      /** Key */
      key: string;
      /** Value */
      value: string;
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
     * TuningJobSortBy
     * @enum {string}
     */
    TuningJobSortBy: 'Name' | 'Status' | 'CreationTime';
    /**
     * ProcessingSortKey
     * @enum {string}
     */
    ProcessingSortKey: 'Name' | 'CreationTime' | 'Status';
    /**
     * ViewType
     * @enum {string}
     */
    ViewType: 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';
    /**
     * TransformSortKey
     * @enum {string}
     */
    TransformSortKey: 'Name' | 'CreationTime' | 'Status';
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
