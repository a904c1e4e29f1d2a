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

/**
 * A metric value in at most four significant digits, switching to exponent notation for
 * the very large and the very small: 0.123456 → "0.1235", 123456 → "1.235e+5".
 */
export function formatMetricValue(value: number): string {
  if (Number.isNaN(value)) {
    return 'NaN';
  }
  if (!Number.isFinite(value)) {
    return value > 0 ? '∞' : '-∞';
  }
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e5 || magnitude < 1e-3)) {
    return value.toExponential(3).replace(/\.?0+e/, 'e');
  }
  return String(Number(value.toPrecision(4)) + 0);
}

/** Milliseconds since the epoch of an ISO 8601 time, or NaN for null and nonsense. */
export function parseTime(iso: string | null | undefined): number {
  return iso ? Date.parse(iso) : Number.NaN;
}

/**
 * A duration in its two largest units: 45 s → "45s", 125 s → "2m 05s", 2 h 3 min → "2h 03m",
 * 26 h → "1d 02h".
 */
export function formatDuration(milliseconds: number): string {
  if (!Number.isFinite(milliseconds)) {
    return '–';
  }
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  const pad = (value: number): string => String(value).padStart(2, '0');
  if (seconds < 60) {
    return `${seconds}s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes}m ${pad(seconds % 60)}s`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    return `${hours}h ${pad(minutes % 60)}m`;
  }
  return `${Math.floor(hours / 24)}d ${pad(hours % 24)}h`;
}

/** How long ago a time was, coarsely: "just now", "5 min ago", "3 h ago", "2 d ago". */
export function formatAge(milliseconds: number): string {
  if (!Number.isFinite(milliseconds)) {
    return '–';
  }
  const seconds = Math.floor(milliseconds / 1000);
  if (seconds < 45) {
    return 'just now';
  }
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min ago`;
  }
  const hours = Math.round(minutes / 60);
  if (hours < 48) {
    return `${hours} h ago`;
  }
  return `${Math.round(hours / 24)} d ago`;
}

/** A local date and time, to the second: "2024-11-22 06:10:48". */
export function formatDateTime(milliseconds: number): string {
  if (!Number.isFinite(milliseconds)) {
    return '–';
  }
  const date = new Date(milliseconds);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/** A local time of day with milliseconds, for log lines: "06:10:48.614". */
export function formatClock(milliseconds: number): string {
  if (!Number.isFinite(milliseconds)) {
    return '';
  }
  const date = new Date(milliseconds);
  const pad = (value: number, width = 2): string =>
    String(value).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/**
 * Bytes in the largest binary unit that keeps the number at least 1, with one decimal below
 * 100: 220200960 → "210 MiB", 4294967296 → "4 GiB", 25276510208 → "23.5 GiB".
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) {
    return '–';
  }
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${formatNumber(value, digits)} ${BINARY_UNITS[unit]}`;
}
