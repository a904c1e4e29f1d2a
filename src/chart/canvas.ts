/*
 * Canvas plumbing shared by the comparison charts: sharp drawing on high-density
 * screens, and colours from JupyterLab's theme.
 */

/** Colours and font of a chart, read from the theme's CSS variables. */
export interface IChartPalette {
  axis: string;
  grid: string;
  text: string;
  font: string;
  background: string;
  highlight: string;
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
    highlight: variable('--jp-ui-font-color0', '#000000')
  };
}

/**
 * Size a canvas to `width` × `height` CSS pixels at the screen's density, and return its
 * context cleared and scaled to CSS pixels; null when the canvas cannot draw.
 */
export function prepareCanvas(
  canvas: HTMLCanvasElement,
  width: number,
  height: number
): CanvasRenderingContext2D | null {
  const ratio = window.devicePixelRatio || 1;
  const pixelWidth = Math.round(width * ratio);
  const pixelHeight = Math.round(height * ratio);
  if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
    canvas.width = pixelWidth;
    canvas.height = pixelHeight;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }
  const context = canvas.getContext('2d');
  if (!context) {
    return null;
  }
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  return context;
}

/** A label cut to fit `maxWidth` pixels, with an ellipsis. */
export function fitText(
  context: CanvasRenderingContext2D,
  text: string,
  maxWidth: number
): string {
  if (context.measureText(text).width <= maxWidth) {
    return text;
  }
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (context.measureText(`${text.slice(0, middle)}…`).width <= maxWidth) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return `${text.slice(0, low)}…`;
}
