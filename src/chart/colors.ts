/*
 * Colours of the comparison charts: one per run, and a scale for metric values.
 */

/**
 * Distinct colours for runs (Tableau 10 with darker and lighter variants), readable on
 * light and dark themes. Runs beyond the list reuse it from the start.
 */
export const RUN_COLORS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
  '#2f4b7c',
  '#a05195',
  '#d45087',
  '#f95d6a',
  '#ff7c43',
  '#665191'
];

/** The colour of the run at `index` of a comparison. */
export function runColor(index: number): string {
  const count = RUN_COLORS.length;
  return RUN_COLORS[((index % count) + count) % count];
}

/** Stops of the viridis colour map, low to high. */
const VIRIDIS: [number, number, number][] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37]
];

/**
 * The stretch of the viridis map in use: its near-black start would vanish on a dark
 * theme and its pale yellow end on a light one.
 */
const SEQUENTIAL_START = 0.15;
const SEQUENTIAL_END = 0.88;

/**
 * The colour of `fraction` (0 low, 1 high) on the viridis map, which stays readable for
 * colour-blind users and in grey. Outside [0, 1] it is clamped; NaN is grey.
 */
export function sequentialColor(fraction: number): string {
  if (!Number.isFinite(fraction)) {
    return '#9e9e9e';
  }
  const clamped = Math.min(1, Math.max(0, fraction));
  const t =
    (SEQUENTIAL_START + clamped * (SEQUENTIAL_END - SEQUENTIAL_START)) *
    (VIRIDIS.length - 1);
  const low = Math.min(VIRIDIS.length - 2, Math.floor(t));
  const within = t - low;
  const [r, g, b] = VIRIDIS[low].map((channel, index) =>
    Math.round(channel + (VIRIDIS[low + 1][index] - channel) * within)
  );
  return `rgb(${r}, ${g}, ${b})`;
}
