/*
 * What the artifact browser can show of a file, and how.
 */

/** How a file is previewed: as text, as an image, or not at all. */
export type PreviewKind = 'text' | 'image' | 'none';

/** Bytes of a text file shown at most (the head of a long log). */
export const TEXT_PREVIEW_BYTES = 100 * 1024;

/** Largest image shown inline. */
export const IMAGE_PREVIEW_BYTES = 20 * 1024 * 1024;

const TEXT_EXTENSIONS = new Set([
  'txt',
  'json',
  'jsonl',
  'yaml',
  'yml',
  'csv',
  'tsv',
  'log',
  'py',
  'md',
  'toml',
  'ini',
  'cfg'
]);

/** Files without an extension that are text (MLflow model folders have them). */
const TEXT_NAMES = new Set(['mlmodel', 'license', 'readme', 'requirements']);

const IMAGE_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  webp: 'image/webp'
};

/** The last segment of a `/`-separated path. */
export function baseName(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? '';
}

/** A file's extension, lower case, without the dot; '' when it has none. */
export function extensionOf(path: string): string {
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** How the browser previews a file, by its name. */
export function previewKind(path: string): PreviewKind {
  const extension = extensionOf(path);
  if (extension in IMAGE_TYPES) {
    return 'image';
  }
  if (TEXT_EXTENSIONS.has(extension)) {
    return 'text';
  }
  if (!extension && TEXT_NAMES.has(baseName(path).toLowerCase())) {
    return 'text';
  }
  return 'none';
}

/** The MIME type of an image file, by its extension. */
export function imageType(path: string): string {
  return IMAGE_TYPES[extensionOf(path)] ?? 'application/octet-stream';
}

/** Whether bytes look binary: a NUL among the first 8 KiB, which text never has. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8192);
  for (let i = 0; i < end; i++) {
    if (bytes[i] === 0) {
      return true;
    }
  }
  return false;
}

/**
 * The text of the head of a file. When the head was cut (`truncated`), a character whose
 * bytes the cut split is left out rather than shown as a replacement mark.
 */
export function decodeTextPreview(
  bytes: Uint8Array,
  truncated: boolean
): string {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  return decoder.decode(bytes, { stream: truncated });
}

/** A byte count for people: 512 B, 1.5 KiB, 20 MiB. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) {
    return '';
  }
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${Number(value.toFixed(digits))} ${units[unit]}`;
}
