import { checkIcon } from '@jupyterlab/ui-components';
import React, { useEffect, useRef, useState } from 'react';

import type { IPickerOption } from '../models/profile-options';

export type { IPickerOption };

/** Props of {@link OptionList}. */
export interface IOptionListProps {
  /** Accessible name of the list. */
  label: string;
  options: IPickerOption[];
  onPick: (value: string) => void;
  /** Escape or Tab: the list gives up focus. */
  onCancel: () => void;
}

/**
 * A keyboard-friendly list of choices (a listbox): arrows move, Enter picks, Escape
 * cancels. Options that cannot be picked stay listed, disabled, with the reason inline.
 */
export function OptionList(props: IOptionListProps): JSX.Element {
  const { label, options, onPick, onCancel } = props;
  const enabled = options
    .map((option, index) => (option.reason ? -1 : index))
    .filter(index => index !== -1);
  const selectedIndex = options.findIndex(option => option.selected);
  const [active, setActive] = useState<number>(
    selectedIndex !== -1 ? selectedIndex : (enabled[0] ?? -1)
  );
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    listRef.current?.focus();
  }, []);

  useEffect(() => {
    listRef.current
      ?.querySelector(`[data-index="${active}"]`)
      ?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  const move = (step: number): void => {
    if (!enabled.length) {
      return;
    }
    const position = enabled.indexOf(active);
    const next =
      position === -1
        ? step > 0
          ? 0
          : enabled.length - 1
        : Math.min(enabled.length - 1, Math.max(0, position + step));
    setActive(enabled[next]);
  };

  const onKeyDown = (event: React.KeyboardEvent): void => {
    switch (event.key) {
      case 'ArrowDown':
        move(1);
        break;
      case 'ArrowUp':
        move(-1);
        break;
      case 'Home':
        setActive(enabled[0] ?? -1);
        break;
      case 'End':
        setActive(enabled[enabled.length - 1] ?? -1);
        break;
      case 'Enter':
      case ' ':
        if (active !== -1 && !options[active]?.reason) {
          onPick(options[active].value);
        }
        break;
      case 'Escape':
      case 'Tab':
        onCancel();
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <ul
      ref={listRef}
      className="jp-mlstudio-option-list"
      role="listbox"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={
        active !== -1 ? `jp-mlstudio-option-${active}` : undefined
      }
      onKeyDown={onKeyDown}
    >
      {options.map((option, index) => {
        const disabled = !!option.reason;
        const classes = ['jp-mlstudio-option'];
        if (disabled) {
          classes.push('jp-mlstudio-is-unavailable');
        }
        if (index === active) {
          classes.push('jp-mlstudio-is-active');
        }
        return (
          <li
            key={option.value}
            id={`jp-mlstudio-option-${index}`}
            className={classes.join(' ')}
            role="option"
            data-index={index}
            data-option={option.value}
            aria-selected={!!option.selected}
            aria-disabled={disabled}
            title={
              option.title ??
              (option.reason
                ? `${option.label} — ${option.reason}`
                : option.label)
            }
            onMouseEnter={() => !disabled && setActive(index)}
            onClick={() => !disabled && onPick(option.value)}
          >
            <span className="jp-mlstudio-option-check">
              {option.selected ? <checkIcon.react tag="span" /> : null}
            </span>
            <span className="jp-mlstudio-option-body">
              <span className="jp-mlstudio-option-line">
                <span className="jp-mlstudio-option-label">{option.label}</span>
                {option.facts ? (
                  <span className="jp-mlstudio-option-facts">
                    {option.facts}
                  </span>
                ) : null}
              </span>
              {option.reason ? (
                <span className="jp-mlstudio-option-reason">
                  {option.reason}
                </span>
              ) : option.detail ? (
                <span className="jp-mlstudio-option-detail">
                  {option.detail}
                </span>
              ) : null}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
