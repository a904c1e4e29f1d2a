import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useEffect, useState } from 'react';

import type { IArtifactContent } from '../api/runs';
import {
  decodeTextPreview,
  formatBytes,
  IMAGE_PREVIEW_BYTES,
  imageType,
  looksBinary,
  previewKind,
  TEXT_PREVIEW_BYTES
} from '../models/artifact-preview';
import { asRequestError, MLStudioRequestError } from '../request';
import type { IArtifactEntry } from '../tokens';
import { RequestErrorMessage } from './request-error-message';

/** Props of {@link ArtifactPreview}. */
export interface IArtifactPreviewProps {
  entry: IArtifactEntry;
  /** Reads at most `limit` bytes of a file of the run. */
  read: (path: string, limit: number) => Promise<IArtifactContent>;
  /** Saves the whole file to the user's computer. */
  download: (path: string) => void;
  trans: TranslationBundle;
}

type Preview =
  | { kind: 'loading' }
  | { kind: 'text'; text: string; truncated: boolean }
  | { kind: 'image'; url: string }
  | { kind: 'binary' }
  | { kind: 'error'; error: MLStudioRequestError };

/**
 * A file of a run: the head of a text file (100 KiB at most, so a large log stays
 * cheap), an image inline, or the offer to download anything else.
 */
export function ArtifactPreview(props: IArtifactPreviewProps): JSX.Element {
  const { entry, read, download, trans } = props;
  const kind = previewKind(entry.path);
  const tooBig =
    kind === 'image' && (entry.file_size ?? 0) > IMAGE_PREVIEW_BYTES;
  const [preview, setPreview] = useState<Preview>({ kind: 'loading' });

  useEffect(() => {
    if (kind === 'none' || tooBig) {
      return;
    }
    let cancelled = false;
    let url: string | null = null;
    setPreview({ kind: 'loading' });
    const limit = kind === 'text' ? TEXT_PREVIEW_BYTES : IMAGE_PREVIEW_BYTES;
    read(entry.path, limit)
      .then(content => {
        if (cancelled) {
          return;
        }
        if (kind === 'image') {
          url = URL.createObjectURL(
            new Blob([content.data], { type: imageType(entry.path) })
          );
          setPreview({ kind: 'image', url });
        } else if (looksBinary(content.data)) {
          setPreview({ kind: 'binary' });
        } else {
          setPreview({
            kind: 'text',
            text: decodeTextPreview(content.data, content.truncated),
            truncated: content.truncated
          });
        }
      })
      .catch(reason => {
        if (!cancelled) {
          setPreview({ kind: 'error', error: asRequestError(reason) });
        }
      });
    return () => {
      cancelled = true;
      if (url) {
        URL.revokeObjectURL(url);
      }
    };
  }, [entry.path, kind, tooBig, read]);

  let body: JSX.Element;
  if (kind === 'none' || tooBig || preview.kind === 'binary') {
    body = (
      <div className="jp-mlstudio-empty">
        {tooBig
          ? trans.__('This image is too large to show here.')
          : trans.__('No preview for this kind of file.')}
      </div>
    );
  } else if (preview.kind === 'loading') {
    body = <div className="jp-mlstudio-loading">{trans.__('Loading…')}</div>;
  } else if (preview.kind === 'error') {
    body = <RequestErrorMessage error={preview.error} trans={trans} />;
  } else if (preview.kind === 'image') {
    body = (
      <img
        className="jp-mlstudio-artifact-image"
        src={preview.url}
        alt={entry.path}
      />
    );
  } else {
    body = (
      <>
        <pre className="jp-mlstudio-artifact-text">{preview.text}</pre>
        {preview.truncated ? (
          <div className="jp-mlstudio-summary jp-mlstudio-artifact-truncated">
            {trans.__(
              'Showing the first %1 of %2.',
              formatBytes(TEXT_PREVIEW_BYTES),
              formatBytes(entry.file_size)
            )}
          </div>
        ) : null}
      </>
    );
  }

  return (
    <div
      className="jp-mlstudio-artifact-preview"
      data-path={entry.path}
      data-preview={kind}
    >
      <div className="jp-mlstudio-artifact-preview-header">
        <span className="jp-mlstudio-uri">{entry.path}</span>
        <span className="jp-mlstudio-summary">
          {formatBytes(entry.file_size)}
        </span>
        <span className="jp-mlstudio-spacer" />
        <button
          type="button"
          className="jp-mlstudio-button jp-mod-styled jp-mlstudio-artifact-download"
          onClick={() => download(entry.path)}
        >
          {trans.__('Download')}
        </button>
      </div>
      {body}
    </div>
  );
}
