import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useState } from 'react';

import { metricDefinitionsOf } from '../models/job-form';
import { asRequestError, MLStudioRequestError } from '../request';
import type {
  IMetricDefinition,
  IMetricPreview,
  IMetricPreviewList
} from '../tokens';
import { MetricPreview } from './metric-preview';
import { RequestErrorMessage } from './request-error-message';
import { RowsField } from './rows-field';
import { useDebouncedEffect } from './use-debounced-effect';

/** Props of {@link MetricDefinitionsField}. */
export interface IMetricDefinitionsFieldProps {
  definitions: IMetricDefinition[];
  /** Sample log text to try the definitions on. */
  sample: string;
  onSample: (sample: string) => void;
  errorOf: (key: string) => string | undefined;
  /** Asks the server what each metric definition extracts from sample text. */
  previewMetrics: (
    definitions: IMetricDefinition[],
    sample: string
  ) => Promise<IMetricPreviewList>;
  /** Milliseconds of calm before a preview is asked for. */
  debounce: number;
  trans: TranslationBundle;
  onChange: (rows: IMetricDefinition[]) => void;
  onBlur: () => void;
}

/** Metric definitions, sample log text, and what each definition extracts from it. */
export function MetricDefinitionsField(
  props: IMetricDefinitionsFieldProps
): JSX.Element {
  const { definitions, sample, previewMetrics, debounce, trans } = props;
  const [previews, setPreviews] = useState<Map<string, IMetricPreview>>(
    new Map()
  );
  const [previewError, setPreviewError] = useState<MLStudioRequestError | null>(
    null
  );
  const sent = metricDefinitionsOf({ metricDefinitions: definitions });
  const key = JSON.stringify(sent);
  useDebouncedEffect(
    isStale => {
      if (!sample.trim() || sent.length === 0) {
        setPreviews(new Map());
        setPreviewError(null);
        return;
      }
      previewMetrics(sent, sample)
        .then(answer => {
          if (!isStale()) {
            setPreviews(
              new Map(answer.previews.map(preview => [preview.name, preview]))
            );
            setPreviewError(null);
          }
        })
        .catch(reason => {
          if (!isStale()) {
            setPreviewError(asRequestError(reason));
          }
        });
    },
    [key, sample, previewMetrics],
    debounce
  );

  const renderPreview = (index: number): React.ReactNode => {
    const definition = definitions[index];
    const preview = sample.trim()
      ? previews.get(definition.name.trim())
      : undefined;
    if (!preview || !definition.regex) {
      return null;
    }
    return <MetricPreview preview={preview} trans={trans} />;
  };

  return (
    <>
      <RowsField<IMetricDefinition>
        field="metricDefinitions"
        label={trans.__('Metric definitions')}
        rows={definitions}
        empty={{ name: '', regex: '' }}
        addLabel={trans.__('Add metric')}
        errorOf={props.errorOf}
        trans={trans}
        columns={[
          { name: 'name', placeholder: trans.__('metric, e.g. loss') },
          {
            name: 'regex',
            placeholder: trans.__('regex, e.g. loss=([0-9.]+)'),
            wide: true
          }
        ]}
        onChange={props.onChange}
        onBlur={props.onBlur}
        renderExtra={renderPreview}
      />
      <div className="jp-mlstudio-field" data-field="metricSample">
        <label className="jp-mlstudio-field-label">
          {trans.__('Sample log text')}
          <textarea
            className="jp-mod-styled jp-mlstudio-sample"
            rows={4}
            spellCheck={false}
            value={sample}
            placeholder={trans.__(
              'Paste a few lines your script prints, e.g. "epoch=1 loss=0.93", to try the definitions on them.'
            )}
            onChange={event => props.onSample(event.target.value)}
          />
        </label>
        {previewError ? (
          <RequestErrorMessage error={previewError} trans={trans} />
        ) : null}
      </div>
    </>
  );
}
