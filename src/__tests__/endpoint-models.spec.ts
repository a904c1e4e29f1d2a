import type { Event } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';

import type { IInvocation } from '../api/endpoints';
import {
  ENDPOINT_EVENT_SCHEMA,
  type IEndpointChange,
  type IEndpointView
} from '../endpoint-types';
import { EndpointListModel } from '../models/endpoint-list-model';
import { EndpointModel, IEndpointApi } from '../models/endpoint-model';
import { MLStudioRequestError } from '../request';
import {
  endpointMetrics,
  endpointSummary,
  endpointView
} from './endpoint-fixtures';
import { emission } from './training-fixtures';

const INTERVAL = 10_000;

async function advance(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
}

function notFound(name: string): MLStudioRequestError {
  return new MLStudioRequestError({
    message: `Could not find endpoint ${name}`,
    error: 'NotFound',
    status: 404
  });
}

describe('EndpointListModel', () => {
  let events: Signal<unknown, Event.Emission>;
  let reads: number;
  let listed: ReturnType<typeof endpointSummary>[];
  let model: EndpointListModel;

  beforeEach(() => {
    jest.useFakeTimers();
    events = new Signal<unknown, Event.Emission>({});
    reads = 0;
    listed = [endpointSummary('fraud', 'Creating')];
    model = new EndpointListModel({
      fetch: async () => {
        reads++;
        return { endpoints: listed, next_token: null };
      },
      interval: INTERVAL,
      events,
      standby: 'never'
    });
  });

  afterEach(() => {
    model.dispose();
    jest.useRealTimers();
  });

  it('shows a status event at once and drops a deleted endpoint', async () => {
    await model.start();
    await advance(0);
    expect(model.endpoints.map(item => item.endpoint_status)).toEqual([
      'Creating'
    ]);

    // When the server says it is in service, the row says so before any read
    events.emit(
      emission(ENDPOINT_EVENT_SCHEMA, { name: 'fraud', status: 'InService' })
    );
    expect(model.endpoints[0].endpoint_status).toBe('InService');

    // And once deleted it leaves the list at once, and a read agrees
    listed = [];
    events.emit(
      emission(ENDPOINT_EVENT_SCHEMA, { name: 'fraud', status: 'Deleted' })
    );
    expect(model.endpoints).toEqual([]);
    const before = reads;
    await advance(1000);
    expect(reads).toBeGreaterThan(before);
    expect(model.endpoints).toEqual([]);
  });
});

/** One endpoint on a fake server. */
class FakeEndpoint implements IEndpointApi {
  view: IEndpointView = endpointView('fraud', 'Creating');
  gone = false;
  calls: string[] = [];
  updateRefusal: MLStudioRequestError | null = null;

  async get(name: string): Promise<IEndpointView> {
    this.calls.push(`get ${name}`);
    if (this.gone) {
      throw notFound(name);
    }
    return this.view;
  }
  async metrics(name: string) {
    if (this.gone) {
      throw notFound(name);
    }
    return endpointMetrics(name);
  }
  async update(name: string, change: IEndpointChange): Promise<IEndpointView> {
    this.calls.push(`update ${name} ${JSON.stringify(change)}`);
    if (this.updateRefusal) {
      throw this.updateRefusal;
    }
    this.view = { ...this.view, endpoint_status: 'Updating' };
    return this.view;
  }
  async remove(name: string): Promise<void> {
    this.calls.push(`remove ${name}`);
    this.gone = true;
  }
  async invoke(name: string, call: IInvocation) {
    this.calls.push(`invoke ${name} ${call.contentType}`);
    return {
      status: 200,
      body: '[1]',
      contentType: 'application/json',
      variant: 'AllTraffic',
      elapsed: 2.5
    };
  }
  async putScaling(): Promise<never> {
    throw new Error('not used');
  }
  async deleteScaling(): Promise<void> {
    throw new Error('not used');
  }
}

describe('EndpointModel', () => {
  let server: FakeEndpoint;
  let events: Signal<unknown, Event.Emission>;
  let model: EndpointModel;

  beforeEach(() => {
    jest.useFakeTimers();
    server = new FakeEndpoint();
    events = new Signal<unknown, Event.Emission>({});
    model = new EndpointModel({
      name: 'fraud',
      api: server,
      interval: INTERVAL,
      events,
      standby: () => false
    });
  });

  afterEach(() => {
    model.dispose();
    jest.useRealTimers();
  });

  it('follows the endpoint into service by its events', async () => {
    await model.start();
    await advance(0);
    expect(model.view?.endpoint_status).toBe('Creating');

    server.view = endpointView('fraud', 'InService');
    events.emit(
      emission(ENDPOINT_EVENT_SCHEMA, { name: 'fraud', status: 'InService' })
    );
    expect(model.view?.endpoint_status).toBe('InService');
    // Another endpoint's event changes nothing
    events.emit(
      emission(ENDPOINT_EVENT_SCHEMA, { name: 'other', status: 'Failed' })
    );
    expect(model.view?.endpoint_status).toBe('InService');
  });

  it('sends weights, and keeps a refusal for the view to show', async () => {
    await model.start();
    await advance(0);
    await model.setWeights({ AllTraffic: 2 });
    expect(server.calls).toContain(
      'update fraud {"variants":[{"variant_name":"AllTraffic","weight":2}]}'
    );
    expect(model.error).toBeNull();

    server.updateRefusal = new MLStudioRequestError({
      message: 'Endpoint fraud is Updating',
      error: 'Conflict',
      status: 409
    });
    await model.setWeights({ AllTraffic: 3 });
    expect(model.error?.message).toBe('Endpoint fraud is Updating');
  });

  it('invokes through the server and, once deleted, is gone and rests', async () => {
    await model.start();
    await advance(0);
    const answer = await model.invoke({ body: '1,2', contentType: 'text/csv' });
    expect(answer).toMatchObject({ status: 200, variant: 'AllTraffic' });

    await model.remove();
    await advance(0);
    expect(server.calls).toContain('remove fraud');
    expect(model.gone).toBe(true);
    const reads = server.calls.filter(call => call.startsWith('get')).length;
    await advance(INTERVAL * 3);
    expect(server.calls.filter(call => call.startsWith('get')).length).toBe(
      reads
    );
  });
});
