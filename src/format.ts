/*
 * Number formatting for the sidebar. Pure functions, so they are easy to test.
 */

const BYTES_PER_GIB = 1024 ** 3;

/**
 * Round to at most `digits` decimals and drop trailing zeros: 16 → "16", 23.54 → "23.5".
 */
export function formatNumber(value: number, digits = 1): string {
  if (!Number.isFinite(value)) {
    return '–';
  }
  const factor = 10 ** digits;
  const rounded = Math.round(value * factor) / factor;
  // `+ 0` turns -0 into 0 so tiny negatives do not print as "-0".
  return String(rounded + 0);
}

/** Bytes as GiB without the unit: 25276510208 → "23.5". */
export function bytesToGiB(bytes: number, digits = 1): string {
  return formatNumber(bytes / BYTES_PER_GIB, digits);
}

/** Bytes as a GiB amount with its unit: 25276510208 → "23.5 GiB". */
export function formatBytesAsGiB(bytes: number, digits = 1): string {
  return `${bytesToGiB(bytes, digits)} GiB`;
}
