import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

/** Props of {@link AvailabilityBadge}. */
export interface IAvailabilityBadgeProps {
  available: boolean;
  trans: TranslationBundle;
}

/** A small pill saying whether something can be used on this host. */
export function AvailabilityBadge(props: IAvailabilityBadgeProps): JSX.Element {
  const { available, trans } = props;
  return (
    <span
      className={`jp-mlstudio-badge ${
        available
          ? 'jp-mlstudio-badge-available'
          : 'jp-mlstudio-badge-unavailable'
      }`}
    >
      {available ? trans.__('available') : trans.__('unavailable')}
    </span>
  );
}
