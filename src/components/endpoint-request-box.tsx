import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useState } from 'react';

import type { IInvocation, IInvocationResult } from '../api/endpoints';

const CONTENT_TYPES = ['text/csv', 'application/json', 'text/plain'];

/** Props of {@link RequestBox}. */
export interface IRequestBoxProps {
  variants: readonly string[];
  trans: TranslationBundle;
  invoke: (call: IInvocation) => Promise<IInvocationResult>;
}

/** Try the endpoint: a body, its content type and (optionally) a variant; the answer. */
export function RequestBox(props: IRequestBoxProps): JSX.Element {
  const { variants, trans, invoke } = props;
  const [body, setBody] = useState('');
  const [contentType, setContentType] = useState(CONTENT_TYPES[0]);
  const [variant, setVariant] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<IInvocationResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const send = async (): Promise<void> => {
    setBusy(true);
    setFailure(null);
    try {
      setResult(
        await invoke({
          body,
          contentType,
          accept: 'application/json',
          targetVariant: variant || undefined
        })
      );
    } catch (reason) {
      setResult(null);
      setFailure(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="jp-mlstudio-request-box">
      <textarea
        className="jp-mlstudio-request-body"
        aria-label={trans.__('Request body')}
        placeholder={trans.__('e.g. 17.99,10.38,122.8,… (one row per line)')}
        value={body}
        onChange={event => setBody(event.target.value)}
        rows={4}
      />
      <div className="jp-mlstudio-request-controls">
        <label>
          {trans.__('Content type')}{' '}
          <select
            className="jp-mlstudio-request-type"
            value={contentType}
            onChange={event => setContentType(event.target.value)}
          >
            {CONTENT_TYPES.map(type => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
        <label>
          {trans.__('Variant')}{' '}
          <select
            className="jp-mlstudio-request-variant"
            value={variant}
            onChange={event => setVariant(event.target.value)}
          >
            <option value="">{trans.__('by weight')}</option>
            {variants.map(name => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="jp-mlstudio-button jp-mod-styled jp-mod-accept jp-mlstudio-request-send"
          disabled={busy || !body.trim()}
          onClick={() => void send()}
        >
          {busy ? trans.__('Sending…') : trans.__('Send')}
        </button>
      </div>
      {failure ? <div className="jp-mlstudio-error">{failure}</div> : null}
      {result ? (
        <div
          className={`jp-mlstudio-request-result ${
            result.status >= 400 ? 'jp-mod-error' : ''
          }`}
          data-status={result.status}
        >
          <div className="jp-mlstudio-request-meta">
            {result.status < 400
              ? trans.__(
                  '%1 from %2 in %3 ms',
                  result.status,
                  result.variant,
                  result.elapsed.toFixed(1)
                )
              : trans.__(
                  '%1 in %2 ms',
                  result.status,
                  result.elapsed.toFixed(1)
                )}
          </div>
          <pre className="jp-mlstudio-request-answer">{result.body}</pre>
        </div>
      ) : null}
    </div>
  );
}
