import { PromiseDelegate } from '@lumino/coreutils';

import { LogTailModel } from '../models/log-tail-model';
import { MLStudioRequestError } from '../request';
import type { ILogPage } from '../tokens';

/** A host's log on a fake server: `total` lines "line N", read with after/limit. */
class FakeLog {
  constructor(public total: number) {}

  requests: { after: number; limit: number }[] = [];
  /** When set, reads wait for it. */
  gate: PromiseDelegate<void> | null = null;
  fail: MLStudioRequestError | null = null;

  fetch = async (after: number, limit: number): Promise<ILogPage> => {
    this.requests.push({ after, limit });
    if (this.gate) {
      await this.gate.promise;
    }
    if (this.fail) {
      throw this.fail;
    }
    const lines = [];
    for (
      let seq = after + 1;
      seq < Math.min(this.total, after + 1 + limit);
      seq++
    ) {
      lines.push({ seq, timestamp: 1000 + seq, message: `line ${seq}` });
    }
    return { host: 'algo-1', stream: 'job/algo-1', lines, total: this.total };
  };
}

/** Let pending promise callbacks run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await Promise.resolve();
  }
}

describe('LogTailModel', () => {
  it('learns the total and the first page from its first read', async () => {
    const log = new FakeLog(2500);
    const model = new LogTailModel({ fetch: log.fetch, pageSize: 1000 });

    await model.refresh();

    expect(model.total).toBe(2500);
    expect(model.isLoaded).toBe(true);
    expect(log.requests).toEqual([{ after: -1, limit: 1000 }]);
    expect(model.lineAt(0)?.message).toBe('line 0');
    expect(model.lineAt(999)?.message).toBe('line 999');
    expect(model.lineAt(1000)).toBeUndefined();
  });

  it('reads only the pages in view, each once, however often it is asked', async () => {
    const log = new FakeLog(100_000);
    const model = new LogTailModel({ fetch: log.fetch, pageSize: 1000 });
    await model.refresh();
    log.requests = [];

    // The view at the tail asks several times while the read is on its way.
    model.ensureRange(99_950, 100_000);
    model.ensureRange(99_960, 100_000);
    await settle();
    model.ensureRange(99_950, 100_000);
    await settle();

    expect(log.requests).toEqual([{ after: 98_999, limit: 1000 }]);
    expect(model.lineAt(99_999)?.message).toBe('line 99999');
    expect(model.lineAt(50_000)).toBeUndefined();
  });

  it('reads two pages when the view straddles them', async () => {
    const log = new FakeLog(5000);
    const model = new LogTailModel({ fetch: log.fetch, pageSize: 1000 });
    await model.refresh();
    log.requests = [];

    model.ensureRange(1990, 2030);
    await settle();

    expect(log.requests).toEqual([
      { after: 999, limit: 1000 },
      { after: 1999, limit: 1000 }
    ]);
    expect(model.lineAt(1990)?.message).toBe('line 1990');
    expect(model.lineAt(2029)?.message).toBe('line 2029');
  });

  it('appends the lines of an event and raises the total', async () => {
    const log = new FakeLog(3);
    const model = new LogTailModel({ fetch: log.fetch, pageSize: 100 });
    await model.refresh();

    model.applyEvent({
      first_seq: 3,
      count: 2,
      lines: [
        { timestamp: 5, message: 'epoch=1 loss=0.5' },
        { timestamp: 6, message: 'epoch=2 loss=0.25' }
      ]
    });

    expect(model.total).toBe(5);
    expect(model.lineAt(3)?.message).toBe('epoch=1 loss=0.5');
    expect(model.lineAt(4)).toEqual({
      seq: 4,
      timestamp: 6,
      message: 'epoch=2 loss=0.25'
    });
  });

  it('reads the lines a large burst left out of its event when they come into view', async () => {
    const log = new FakeLog(10);
    const model = new LogTailModel({ fetch: log.fetch, pageSize: 100 });
    await model.refresh();
    // 500 new lines, of which the event carries the last 2.
    log.total = 510;
    model.applyEvent({
      first_seq: 10,
      count: 500,
      lines: [
        { timestamp: 1, message: 'line 508' },
        { timestamp: 2, message: 'line 509' }
      ]
    });
    log.requests = [];

    expect(model.total).toBe(510);
    expect(model.lineAt(509)?.message).toBe('line 509');
    expect(model.lineAt(507)).toBeUndefined();

    model.ensureRange(480, 510);
    await settle();

    // The two pages in view, each from its first missing line; not the whole log.
    expect(log.requests).toEqual([
      { after: 399, limit: 100 },
      { after: 499, limit: 10 }
    ]);
    expect(model.lineAt(480)?.message).toBe('line 480');
    expect(model.lineAt(507)?.message).toBe('line 507');
  });

  it('asks for the lines after the last known one on refresh', async () => {
    const log = new FakeLog(1500);
    const model = new LogTailModel({ fetch: log.fetch, pageSize: 1000 });
    await model.refresh();
    log.total = 1600;
    log.requests = [];

    await model.refresh();

    expect(log.requests).toEqual([{ after: 1499, limit: 1000 }]);
    expect(model.total).toBe(1600);
    expect(model.lineAt(1599)?.message).toBe('line 1599');
  });

  it('keeps at most the configured pages, never those in view', async () => {
    const log = new FakeLog(20_000);
    const model = new LogTailModel({
      fetch: log.fetch,
      pageSize: 1000,
      maxCachedPages: 3
    });
    await model.refresh();

    // Scroll from the top to the bottom, one page at a time.
    for (let page = 0; page < 20; page++) {
      model.ensureRange(page * 1000, page * 1000 + 40);
      await settle();
      expect(model.lineAt(page * 1000 + 39)?.message).toBe(
        `line ${page * 1000 + 39}`
      );
      expect(model.cachedPageCount).toBeLessThanOrEqual(3);
    }

    // The first page was forgotten; scrolling back reads it again.
    expect(model.lineAt(0)).toBeUndefined();
    log.requests = [];
    model.ensureRange(0, 40);
    await settle();
    expect(log.requests).toEqual([{ after: -1, limit: 1000 }]);
    expect(model.lineAt(0)?.message).toBe('line 0');
  });

  it('keeps the error of a failed read and waits before trying again', async () => {
    const log = new FakeLog(5000);
    let now = 0;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    try {
      const model = new LogTailModel({
        fetch: log.fetch,
        pageSize: 1000,
        retryDelay: 2000
      });
      await model.refresh();
      log.fail = new MLStudioRequestError({
        error: 'Unavailable',
        message: 'The record store is locked',
        status: 503
      });
      log.requests = [];

      model.ensureRange(4000, 4040);
      await settle();
      expect(model.error?.message).toBe('The record store is locked');
      model.ensureRange(4000, 4040);
      await settle();
      expect(log.requests).toHaveLength(1);

      log.fail = null;
      now += 2000;
      model.ensureRange(4000, 4040);
      await settle();

      expect(log.requests).toHaveLength(2);
      expect(model.error).toBeNull();
      expect(model.lineAt(4000)?.message).toBe('line 4000');
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('drops answers that arrive after it was disposed', async () => {
    const log = new FakeLog(5000);
    const model = new LogTailModel({ fetch: log.fetch, pageSize: 1000 });
    await model.refresh();
    log.gate = new PromiseDelegate<void>();

    model.ensureRange(3000, 3040);
    model.dispose();
    log.gate.resolve();
    await settle();

    expect(model.isDisposed).toBe(true);
    expect(model.lineAt(3000)).toBeUndefined();
  });

  describe('following the tail', () => {
    const ROW = 18;

    it('follows at first', () => {
      const model = new LogTailModel({
        fetch: new FakeLog(0).fetch,
        pageSize: 10
      });
      expect(model.following).toBe(true);
    });

    it('stops when the user scrolls up, and follows again at the bottom', () => {
      const model = new LogTailModel({
        fetch: new FakeLog(0).fetch,
        pageSize: 10
      });
      const content = 1000 * ROW;
      const viewport = 360;
      const changes: boolean[] = [];
      model.changed.connect(() => changes.push(model.following));

      // At the bottom.
      expect(
        model.updateFollowing(content - viewport, viewport, content, ROW)
      ).toBe(true);
      // Scrolled up by two lines.
      expect(
        model.updateFollowing(
          content - viewport - 2 * ROW,
          viewport,
          content,
          ROW
        )
      ).toBe(false);
      // Lines arrive: the content grows, the position stays: still not following.
      expect(
        model.updateFollowing(
          content - viewport - 2 * ROW,
          viewport,
          content + 50 * ROW,
          ROW
        )
      ).toBe(false);
      // Back at the (new) bottom, within less than a line.
      expect(
        model.updateFollowing(
          content + 50 * ROW - viewport - ROW / 2,
          viewport,
          content + 50 * ROW,
          ROW
        )
      ).toBe(true);

      expect(changes).toEqual([false, true]);
    });

    it('can be told to follow, as the Follow button does', () => {
      const model = new LogTailModel({
        fetch: new FakeLog(0).fetch,
        pageSize: 10
      });
      model.updateFollowing(0, 360, 18_000, ROW);
      expect(model.following).toBe(false);

      model.following = true;

      expect(model.following).toBe(true);
    });
  });
});
