import type { Event } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';

import { IMAGE_BUILD_LOGS_EVENT_SCHEMA } from '../events';
import { BuildLogModel } from '../models/build-log-model';
import type { IBuildLogLine } from '../tokens';
import { advance } from './timers';
import { emission } from './training-fixtures';

const THROTTLE = 250;

function line(seq: number, message = `line ${seq}`): IBuildLogLine {
  return { seq, timestamp: Date.UTC(2024, 10, 22, 6, 0, seq), message };
}

describe('BuildLogModel', () => {
  let lines: IBuildLogLine[];
  let afters: number[];
  let events: Signal<unknown, Event.Emission>;
  let model: BuildLogModel;

  function create(live: boolean, maxLines = 100): BuildLogModel {
    return new BuildLogModel({
      image: 'torch',
      version: 2,
      live,
      interval: 3000,
      maxLines,
      events,
      eventThrottle: THROTTLE,
      fetchLines: async after => {
        afters.push(after);
        return { lines: lines.filter(item => item.seq > after) };
      }
    });
  }

  beforeEach(() => {
    jest.useFakeTimers();
    lines = [line(0), line(1)];
    afters = [];
    events = new Signal<unknown, Event.Emission>({});
  });

  afterEach(() => {
    model.dispose();
    jest.useRealTimers();
  });

  it('reads only the lines after the last one held while the build runs', async () => {
    model = create(true);
    await model.start();
    await advance(1);
    expect(model.lines.map(item => item.seq)).toEqual([0, 1]);

    lines.push(line(2), line(3));
    await advance(3000);

    expect(afters).toEqual([-1, 1]);
    expect(model.lines.map(item => item.seq)).toEqual([0, 1, 2, 3]);
  });

  it("reads at once on its version's event, not on another's", async () => {
    model = create(false);
    await model.start();
    await advance(1);

    events.emit(
      emission(IMAGE_BUILD_LOGS_EVENT_SCHEMA, {
        name: 'torch',
        version: 1,
        lines: ['x']
      })
    );
    await advance(THROTTLE + 1);
    expect(afters).toEqual([-1]);

    lines.push(line(2, 'Step 3/5'));
    events.emit(
      emission(IMAGE_BUILD_LOGS_EVENT_SCHEMA, {
        name: 'torch',
        version: 2,
        lines: ['Step 3/5']
      })
    );
    await advance(THROTTLE + 1);

    expect(afters).toEqual([-1, 1]);
    expect(model.lines[model.lines.length - 1].message).toBe('Step 3/5');
  });

  it('rests once a finished build was read', async () => {
    model = create(false);
    await model.start();
    await advance(30_000);

    expect(afters).toEqual([-1]);
    expect(model.isLoaded).toBe(true);
  });

  it('reads the last lines when the build ends', async () => {
    model = create(true);
    await model.start();
    await advance(1);
    lines.push(line(2, 'Successfully built'));

    model.isLive = false;
    await advance(1);

    expect(model.lines.map(item => item.message)).toContain(
      'Successfully built'
    );
  });

  it('keeps only the newest lines', async () => {
    lines = [line(0), line(1), line(2), line(3)];
    model = create(false, 2);
    await model.start();
    await advance(1);

    expect(model.lines.map(item => item.seq)).toEqual([2, 3]);
  });
});
