import { bytesToGiB, formatBytesAsGiB, formatNumber } from '../format';

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
