import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import React from 'react';

import { IJobFormProps, JobForm } from '../components/job-form';
import { RequestErrorMessage } from '../components/request-error-message';
import { asRequestError, MLStudioRequestError } from '../request';
import type { IInstanceTypeList, IMLStudioStatus, IStatus } from '../tokens';

/**
 * The body of the new-training-job tab.
 *
 * The form needs the server's status (workspace root, default image) and catalogue.
 * The sidebar's status model has them when the sidebar is in use, but it rests while
 * nobody looks at it, so the panel reads both itself when it opens, and takes newer
 * reads from the model as they come.
 */
export class JobFormPanel extends ReactWidget {
  constructor(options: JobFormPanel.IOptions) {
    super();
    this._options = options;
    this.addClass('jp-mlstudio-job-form-panel');
    void this._read();
  }

  protected render(): JSX.Element {
    const { status, trans } = this._options;
    return (
      <UseSignal signal={status.changed}>
        {() => (
          <>
            {this._error && !(status.status ?? this._status) ? (
              <div className="jp-mlstudio-job-form">
                <RequestErrorMessage error={this._error} trans={trans} />
              </div>
            ) : null}
            <JobForm
              trans={trans}
              status={status.status ?? this._status}
              instanceTypes={status.instanceTypes ?? this._instanceTypes}
              listDirectory={this._options.listDirectory}
              previewMetrics={this._options.previewMetrics}
              listImages={this._options.listImages}
              browseEntryScript={this._options.browseEntryScript}
              submit={this._options.submit}
              onCreated={this._options.onCreated}
              onCancel={this._options.onCancel}
            />
          </>
        )}
      </UseSignal>
    );
  }

  private async _read(): Promise<void> {
    const [status, instanceTypes] = await Promise.allSettled([
      this._options.readStatus(),
      this._options.readInstanceTypes()
    ]);
    if (status.status === 'fulfilled') {
      this._status = status.value;
    } else {
      this._error = asRequestError(status.reason);
    }
    if (instanceTypes.status === 'fulfilled') {
      this._instanceTypes = instanceTypes.value;
    } else {
      this._error = this._error ?? asRequestError(instanceTypes.reason);
    }
    if (!this.isDisposed) {
      this.update();
    }
  }

  private _error: MLStudioRequestError | null = null;
  private _instanceTypes: IInstanceTypeList | null = null;
  private _options: JobFormPanel.IOptions;
  private _status: IStatus | null = null;
}

export namespace JobFormPanel {
  /** Constructor options: the form's callbacks, and where the panel reads what it needs. */
  export interface IOptions extends Pick<
    IJobFormProps,
    | 'trans'
    | 'listDirectory'
    | 'previewMetrics'
    | 'submit'
    | 'onCreated'
    | 'onCancel'
    | 'listImages'
    | 'browseEntryScript'
  > {
    /** The shared status model, whose reads the form takes when they are newer. */
    status: IMLStudioStatus;
    /** Reads the server's status. */
    readStatus: () => Promise<IStatus>;
    /** Reads the instance-type catalogue. */
    readInstanceTypes: () => Promise<IInstanceTypeList>;
  }
}
