import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { formatMetricValue } from '../format';
import type { IMetricPreview } from '../tokens';

/** Values of a preview shown before the rest is elided. */
const SHOWN_MATCHES = 8;

/** Props of {@link MetricPreview}. */
export interface IMetricPreviewProps {
  /** What the server's regex engine extracted from the sample for one definition. */
  preview: IMetricPreview;
  trans: TranslationBundle;
}

/**
 * What one metric definition extracts from the sample text: the values, a line that
 * matched but holds no number, no match at all, or why the regex is invalid.
 */
export function MetricPreview(props: IMetricPreviewProps): JSX.Element {
  const { preview, trans } = props;
  return (
    <div className="jp-mlstudio-metric-preview" data-metric={preview.name}>
      {preview.error ? (
        <span className="jp-mlstudio-field-error">
          {trans.__('Invalid regular expression: %1', preview.error)}
        </span>
      ) : preview.matches.length === 0 ? (
        <span className="jp-mlstudio-field-hint">
          {trans.__('No line of the sample matches.')}
        </span>
      ) : (
        <span className="jp-mlstudio-preview-matches">
          {trans._n('%1 match:', '%1 matches:', preview.matches.length)}{' '}
          {preview.matches.slice(0, SHOWN_MATCHES).map(match => (
            <span
              key={match.line}
              className={`jp-mlstudio-preview-value${
                match.value === null ? ' jp-mlstudio-warning' : ''
              }`}
              title={trans.__('line %1: %2', match.line + 1, match.text)}
            >
              {match.value === null
                ? trans.__('"%1" (not a number)', match.text)
                : formatMetricValue(match.value)}
            </span>
          ))}
          {preview.matches.length > SHOWN_MATCHES ? ' …' : null}
        </span>
      )}
    </div>
  );
}
