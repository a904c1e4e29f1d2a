import React, { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';

/** Props of {@link Popover}. */
export interface IPopoverProps {
  /** The element the popover opens beside. */
  anchor: HTMLElement;
  /** Accessible name. */
  label: string;
  /** Called on Escape or a click outside the popover and its anchor. */
  onClose: () => void;
  className?: string;
  children: React.ReactNode;
}

/** Room kept between the popover and the window's edges, in pixels. */
const EDGE = 8;

/**
 * A small floating panel beside an anchor, over everything (it is not clipped by the
 * sidebar), kept inside the window. Escape or a click elsewhere closes it.
 */
export function Popover(props: IPopoverProps): JSX.Element {
  const { anchor, label, onClose, className, children } = props;
  const panel = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<{ left: number; top: number } | null>(
    null
  );

  useLayoutEffect(() => {
    const node = panel.current;
    if (!node) {
      return;
    }
    const bounds = anchor.getBoundingClientRect();
    const width = node.offsetWidth;
    const height = node.offsetHeight;
    // Beside the anchor (to its right, where the main area is), else below it.
    let left = bounds.right + 4;
    let top = bounds.top;
    if (left + width > window.innerWidth - EDGE) {
      left = Math.max(EDGE, bounds.left);
      top = bounds.bottom + 4;
    }
    left = Math.min(left, window.innerWidth - width - EDGE);
    top = Math.max(EDGE, Math.min(top, window.innerHeight - height - EDGE));
    setPlace({ left, top });
  }, [anchor]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        onClose();
        anchor.focus();
      }
    };
    const onDown = (event: MouseEvent): void => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !anchor.contains(target)) {
        onClose();
      }
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('mousedown', onDown, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('mousedown', onDown, true);
    };
  }, [anchor, onClose]);

  return createPortal(
    <div
      ref={panel}
      className={`jp-mlstudio-popover${className ? ` ${className}` : ''}`}
      role="dialog"
      aria-label={label}
      style={
        place
          ? { left: place.left, top: place.top }
          : { left: -10000, top: -10000 }
      }
    >
      {children}
    </div>,
    document.body
  );
}
