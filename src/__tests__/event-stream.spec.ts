import type { Event } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';

import { affectsStatus, isMLStudioEvent, STATUS_EVENT_SCHEMA } from '../events';
import { MLStudioEventStream } from '../models/event-stream';

function emission(schemaId: string): Event.Emission {
  return {
    schema_id: schemaId,
    version: '1',
    data: {}
  } as unknown as Event.Emission;
}

describe('isMLStudioEvent', () => {
  it('accepts every ML Studio schema, present and future', () => {
    expect(isMLStudioEvent(STATUS_EVENT_SCHEMA)).toBe(true);
    expect(
      isMLStudioEvent(
        'https://schema.jupyter.org/jupyterlab_mlstudio/training-job/status/v1'
      )
    ).toBe(true);
  });

  it("rejects other extensions' schemas and look-alikes", () => {
    expect(
      isMLStudioEvent(
        'https://events.jupyter.org/jupyter_server/kernel_actions/v1'
      )
    ).toBe(false);
    expect(
      isMLStudioEvent(
        'https://schema.jupyter.org/jupyterlab_mlstudio_fork/status/v1'
      )
    ).toBe(false);
    expect(isMLStudioEvent(undefined)).toBe(false);
  });
});

describe('affectsStatus', () => {
  it('counts status and job events', () => {
    expect(affectsStatus(STATUS_EVENT_SCHEMA)).toBe(true);
    expect(
      affectsStatus(
        'https://schema.jupyter.org/jupyterlab_mlstudio/training-job/v1'
      )
    ).toBe(true);
  });

  it('leaves out log and metric output, and foreign events', () => {
    expect(
      affectsStatus(
        'https://schema.jupyter.org/jupyterlab_mlstudio/training-logs/v1'
      )
    ).toBe(false);
    expect(
      affectsStatus(
        'https://schema.jupyter.org/jupyterlab_mlstudio/run-metrics/v1'
      )
    ).toBe(false);
    expect(
      affectsStatus(
        'https://events.jupyter.org/jupyter_server/kernel_actions/v1'
      )
    ).toBe(false);
  });
});

describe('MLStudioEventStream', () => {
  it("passes on ML Studio's events only", () => {
    const source = new Signal<unknown, Event.Emission>({});
    const stream = new MLStudioEventStream(source);
    const received: string[] = [];
    stream.stream.connect((_, event) => received.push(event.schema_id));

    source.emit(
      emission('https://events.jupyter.org/jupyter_server/contents_service/v1')
    );
    source.emit(emission(STATUS_EVENT_SCHEMA));

    expect(received).toEqual([STATUS_EVENT_SCHEMA]);
  });

  it('stops once disposed', () => {
    const source = new Signal<unknown, Event.Emission>({});
    const stream = new MLStudioEventStream(source);
    const received: string[] = [];
    stream.stream.connect((_, event) => received.push(event.schema_id));

    stream.dispose();
    source.emit(emission(STATUS_EVENT_SCHEMA));

    expect(received).toEqual([]);
    expect(stream.isDisposed).toBe(true);
  });
});
