import React, {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState
} from 'react';

/**
 * Browsers cap an element's height (Chromium at about 33 million pixels). Beyond this
 * height the list maps its scroll position onto the rows instead of one pixel per pixel.
 */
export const MAX_SCROLL_HEIGHT = 8_000_000;

/** Which rows a viewport shows, and where each goes. */
export interface IRowWindow {
  /** First row to render. */
  first: number;
  /** One past the last row to render. */
  last: number;
  /** Height of the scrolled content, in pixels. */
  contentHeight: number;
  /** Pixel offset (from the content's top) of row `index`. */
  top: (index: number) => number;
}

/**
 * The rows to render for a scroll position: those in the viewport, plus `overscan`
 * rows on each side so that fast scrolling does not show blank space.
 */
export function rowWindow(
  scrollTop: number,
  viewportHeight: number,
  count: number,
  rowHeight: number,
  overscan: number
): IRowWindow {
  const fullHeight = count * rowHeight;
  const contentHeight = Math.min(fullHeight, MAX_SCROLL_HEIGHT);
  const scrollRange = Math.max(0, contentHeight - viewportHeight);
  const fullRange = Math.max(0, fullHeight - viewportHeight);
  // Where the viewport's top lies among the rows, in row pixels.
  const clamped = Math.min(Math.max(0, scrollTop), scrollRange);
  const rowTop = scrollRange > 0 ? (clamped * fullRange) / scrollRange : 0;
  const first = Math.max(0, Math.floor(rowTop / rowHeight) - overscan);
  const last = Math.min(
    count,
    Math.ceil((rowTop + viewportHeight) / rowHeight) + overscan
  );
  return {
    first,
    last,
    contentHeight,
    top: index => clamped + index * rowHeight - rowTop
  };
}

/** Props of {@link VirtualList}. */
export interface IVirtualListProps {
  /** Number of rows. */
  count: number;
  /** Height of every row, in pixels. */
  rowHeight: number;
  /** Renders row `index`; it is placed and sized by the list. */
  renderRow: (index: number) => React.ReactNode;
  /** Rows rendered beyond each edge of the viewport. Default: 10. */
  overscan?: number;
  className?: string;
  /** Called with the rows in view, `[first, last)`, whenever they or the count change. */
  onRangeChange?: (first: number, last: number) => void;
  /** Called on every scroll with the scroll position and sizes. */
  onScroll?: (
    scrollTop: number,
    viewportHeight: number,
    contentHeight: number,
    scrollLeft: number
  ) => void;
  /** Width of the rows when they are wider than the list (it then scrolls across too). */
  contentWidth?: number;
  /** Keep the last row in view as rows are added. */
  stickToBottom?: boolean;
  /** Accessible name of the list. */
  ariaLabel?: string;
  /** Role of the scroll container. Default: `list`. */
  role?: string;
  /** Extra attributes for tests and styling. */
  dataAttributes?: Record<string, string | number>;
}

/**
 * A list that renders only the rows in view, so that 100,000 rows scroll as smoothly
 * as 100. All rows have the same height.
 */
export function VirtualList(props: IVirtualListProps): JSX.Element {
  const {
    count,
    rowHeight,
    renderRow,
    overscan = 10,
    className,
    onRangeChange,
    onScroll,
    stickToBottom,
    ariaLabel,
    role = 'list',
    dataAttributes,
    contentWidth
  } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(0);
  const frame = useRef<number | null>(null);

  const measure = useCallback(() => {
    const node = scroller.current;
    if (node) {
      setScrollTop(node.scrollTop);
      setViewportHeight(node.clientHeight);
    }
  }, []);

  useLayoutEffect(() => {
    const node = scroller.current;
    if (!node) {
      return;
    }
    measure();
    if (typeof ResizeObserver === 'undefined') {
      return;
    }
    const observer = new ResizeObserver(() => measure());
    observer.observe(node);
    return () => observer.disconnect();
  }, [measure]);

  useEffect(
    () => () => {
      if (frame.current !== null) {
        cancelAnimationFrame(frame.current);
      }
    },
    []
  );

  const inView = rowWindow(
    scrollTop,
    viewportHeight,
    count,
    rowHeight,
    overscan
  );

  // Follow the tail: after rows are added, scroll to the new end before painting.
  useLayoutEffect(() => {
    const node = scroller.current;
    if (stickToBottom && node) {
      const end = node.scrollHeight - node.clientHeight;
      if (Math.abs(node.scrollTop - end) > 1) {
        node.scrollTop = end;
      }
      setScrollTop(node.scrollTop);
    }
  }, [stickToBottom, count, viewportHeight]);

  const first = inView.first;
  const last = inView.last;
  // Also when the count changes: rows that were past the end may now be in view.
  useEffect(() => {
    onRangeChange?.(first, last);
  }, [first, last, count, onRangeChange]);

  const handleScroll = (): void => {
    const node = scroller.current;
    if (!node) {
      return;
    }
    onScroll?.(
      node.scrollTop,
      node.clientHeight,
      node.scrollHeight,
      node.scrollLeft
    );
    // One re-render per frame, however many scroll events the browser sends.
    if (frame.current === null) {
      frame.current = requestAnimationFrame(() => {
        frame.current = null;
        measure();
      });
    }
  };

  const rows: React.ReactNode[] = [];
  for (let index = first; index < last; index++) {
    rows.push(
      <div
        key={index}
        className="jp-mlstudio-virtual-row"
        role={role === 'list' ? 'listitem' : undefined}
        style={{
          position: 'absolute',
          top: inView.top(index),
          left: 0,
          right: 0,
          height: rowHeight
        }}
      >
        {renderRow(index)}
      </div>
    );
  }

  const data: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(dataAttributes ?? {})) {
    data[`data-${key}`] = value;
  }

  return (
    <div
      ref={scroller}
      className={`jp-mlstudio-virtual-list${className ? ` ${className}` : ''}`}
      onScroll={handleScroll}
      role={role}
      aria-label={ariaLabel}
      tabIndex={0}
      {...data}
    >
      <div
        className="jp-mlstudio-virtual-content"
        style={{
          position: 'relative',
          height: inView.contentHeight,
          width: contentWidth,
          minWidth: contentWidth === undefined ? undefined : '100%'
        }}
      >
        {rows}
      </div>
    </div>
  );
}
