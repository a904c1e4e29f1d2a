import {
  bytesToGiB,
  formatAge,
  formatBytesAsGiB,
  formatDuration,
  formatMetricValue,
  formatNumber,
  parseTime
} from '../format';

describe('formatNumber', () => {
  it('drops trailing zeros of whole numbers', () => {
    expect(formatNumber(16)).toBe('16');
    expect(formatNumber(4.0)).toBe('4');
  });

  it('rounds to the requested number of decimals', () => {
    expect(formatNumber(23.54)).toBe('23.5');
    expect(formatNumber(23.56)).toBe('23.6');
    expect(formatNumber(0.125, 2)).toBe('0.13');
    expect(formatNumber(2.5, 0)).toBe('3');
  });

  it('never prints a negative zero', () => {
    expect(formatNumber(-0.01)).toBe('0');
  });

  it('shows a dash for values that are not numbers', () => {
    expect(formatNumber(Number.NaN)).toBe('–');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('–');
  });
});

describe('bytesToGiB', () => {
  it('converts with binary units, as the server reports them', () => {
    // The host of the status example: 25276510208 bytes is 23.54 GiB.
    expect(bytesToGiB(25276510208)).toBe('23.5');
    expect(bytesToGiB(16 * 1024 ** 3)).toBe('16');
    expect(bytesToGiB(0)).toBe('0');
  });

  it('is not the decimal gigabyte', () => {
    expect(bytesToGiB(1e9, 2)).toBe('0.93');
  });
});

describe('formatBytesAsGiB', () => {
  it('appends the unit', () => {
    expect(formatBytesAsGiB(25276510208)).toBe('23.5 GiB');
    expect(formatBytesAsGiB(24 * 1024 ** 3, 0)).toBe('24 GiB');
  });
});

describe('formatMetricValue', () => {
  it('shows four significant digits', () => {
    expect(formatMetricValue(0.123456)).toBe('0.1235');
    expect(formatMetricValue(12.5)).toBe('12.5');
    expect(formatMetricValue(1)).toBe('1');
    expect(formatMetricValue(0)).toBe('0');
  });

  it('switches to exponents for the very large and very small', () => {
    expect(formatMetricValue(123456)).toBe('1.235e+5');
    expect(formatMetricValue(0.0001234)).toBe('1.234e-4');
    expect(formatMetricValue(1e-7)).toBe('1e-7');
  });

  it('names the values that are not finite', () => {
    expect(formatMetricValue(Number.NaN)).toBe('NaN');
    expect(formatMetricValue(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(formatMetricValue(Number.NEGATIVE_INFINITY)).toBe('-∞');
  });
});

describe('formatDuration', () => {
  it('uses the two largest units', () => {
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(125_000)).toBe('2m 05s');
    expect(formatDuration((2 * 3600 + 3 * 60) * 1000)).toBe('2h 03m');
    expect(formatDuration(26 * 3600 * 1000)).toBe('1d 02h');
  });

  it('never goes below zero and dashes the unknown', () => {
    expect(formatDuration(-5000)).toBe('0s');
    expect(formatDuration(Number.NaN)).toBe('–');
  });
});

describe('formatAge', () => {
  it('rounds coarsely', () => {
    expect(formatAge(10_000)).toBe('just now');
    expect(formatAge(5 * 60_000)).toBe('5 min ago');
    expect(formatAge(3 * 3600_000)).toBe('3 h ago');
    expect(formatAge(3 * 24 * 3600_000)).toBe('3 d ago');
  });
});

describe('parseTime', () => {
  it("reads the server's ISO times with microseconds", () => {
    expect(parseTime('2024-11-22T06:10:48.439000Z')).toBe(
      Date.UTC(2024, 10, 22, 6, 10, 48, 439)
    );
    expect(parseTime(null)).toBeNaN();
  });
});
