/*
 * Every colour the charts draw with, in one place: the theme's colours for axes, text and
 * a lone series, one colour per run, and a scale for metric values.
 *
 * Run colours are CSS variables (`--jp-mlstudio-run-color-<n>`, in `style/charts.css`) with
 * a set for light themes, one for dark themes and one for the high-contrast theme, so a
 * swatch in HTML follows the theme by itself and a canvas reads the set in effect when it
 * draws (charts redraw when the theme changes: see `useChartFrame`).
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
  /** One colour per run, for the theme in effect ({@link RUN_COLOR_COUNT} of them). */
  runs: readonly string[];
}

/**
 * Distinct colours for runs on light themes: each keeps a contrast of at least 4:1 with a
 * white background. Runs beyond the list reuse it from the start. The dark and
 * high-contrast sets live in `style/charts.css`.
 */
export const RUN_COLORS = [
  '#1f6fb4',
  '#c95a00',
  '#2b8a2b',
  '#d0312d',
  '#7b52ae',
  '#8c564b',
  '#c2338f',
  '#00808a',
  '#7a7a00',
  '#5b6b7c'
];

/** How many run colours a theme defines. */
export const RUN_COLOR_COUNT = RUN_COLORS.length;

function wrap(index: number): number {
  return ((index % RUN_COLOR_COUNT) + RUN_COLOR_COUNT) % RUN_COLOR_COUNT;
}

/** The CSS variable of the run colour at `index`. */
export function runColorVariable(index: number): string {
  return `--jp-mlstudio-run-color-${wrap(index)}`;
}

/**
 * The run colour at `index` as a CSS value (`var(--jp-mlstudio-run-color-2, #2b8a2b)`), for
 * HTML: it follows the theme without a redraw.
 */
export function runColorCss(index: number): string {
  return `var(${runColorVariable(index)}, ${RUN_COLORS[wrap(index)]})`;
}

/** The theme's chart colours, as computed for `node`. */
export function readChartPalette(node: Element): IChartPalette {
  const style = getComputedStyle(node);
  const variable = (name: string, fallback: string): string =>
    style.getPropertyValue(name).trim() || fallback;
  return {
    axis: variable('--jp-border-color1', '#bdbdbd'),
    grid: variable('--jp-border-color2', '#e0e0e0'),
    text: variable('--jp-ui-font-color1', '#424242'),
    font: `10px ${variable('--jp-ui-font-family', 'sans-serif')}`,
    background: variable('--jp-layout-color1', '#ffffff'),
    highlight: variable('--jp-ui-font-color0', '#000000'),
    series: variable('--jp-brand-color1', '#1976d2'),
    runs: RUN_COLORS.map((fallback, index) =>
      variable(runColorVariable(index), fallback)
    )
  };
}

/** The theme in effect, as the body's attributes say; the key of the cached run colours. */
function themeKey(): string {
  const body = typeof document === 'undefined' ? null : document.body;
  return body
    ? `${body.dataset.jpThemeName ?? ''}|${body.dataset.jpThemeLight ?? ''}`
    : '';
}

let cachedRuns: { key: string; colors: readonly string[] } | null = null;

/**
 * The colour of the run at `index` of a comparison, for the theme in effect: from
 * `palette` when given, else read from the page (and kept until the theme changes).
 */
export function runColor(index: number, palette?: IChartPalette): string {
  if (palette) {
    return palette.runs[wrap(index)] ?? RUN_COLORS[wrap(index)];
  }
  const key = themeKey();
  if (cachedRuns?.key !== key) {
    cachedRuns = {
      key,
      colors:
        typeof document === 'undefined'
          ? RUN_COLORS
          : readChartPalette(document.body).runs
    };
  }
  return cachedRuns.colors[wrap(index)];
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
