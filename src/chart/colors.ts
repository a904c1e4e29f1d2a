/*
 * Every colour the charts draw with, in one place: the theme's colours for axes, text and
 * a lone series, one colour per run, and a scale for metric values.
 */

/** Colours and font of a chart, read from the theme's CSS variables. */
export interface IChartPalette {
  /** Axis lines. */
  axis: string;
  /** Grid lines and tick marks. */
  grid: string;
  /** Tick labels. */
  text: string;
  font: string;
  /** The chart's background (halos behind labels that sit on lines). */
  background: string;
  /** Titles and the outline of a highlighted line. */
  highlight: string;
  /** The line of a chart that shows one series. */
  series: string;
}

/** The theme's chart colours, as computed for `node`. */
export function readChartPalette(node: Element): IChartPalette {
  const style = getComputedStyle(node);
  const variable = (name: string, fallback: string): string =>
    style.getPropertyValue(name).trim() || fallback;
  return {
    axis: variable('--jp-border-color1', '#bdbdbd'),
    grid: variable('--jp-border-color2', '#e0e0e0'),
    text: variable('--jp-ui-font-color2', '#616161'),
    font: `10px ${variable('--jp-ui-font-family', 'sans-serif')}`,
    background: variable('--jp-layout-color1', '#ffffff'),
    highlight: variable('--jp-ui-font-color0', '#000000'),
    series: variable('--jp-brand-color1', '#1976d2')
  };
}

/** Style `context` for grid lines and tick labels in the theme's colours. */
export function setAxisStyle(
  context: CanvasRenderingContext2D,
  palette: IChartPalette
): void {
  context.font = palette.font;
  context.lineWidth = 1;
  context.strokeStyle = palette.grid;
  context.fillStyle = palette.text;
}

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

/** The colour of a run that lacks the value a chart colours by. */
export const MISSING_COLOR = '#9e9e9e';

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
    return MISSING_COLOR;
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
