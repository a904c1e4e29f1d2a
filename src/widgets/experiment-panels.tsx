import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import type { Message } from '@lumino/messaging';
import React from 'react';

import type { IArtifactContent } from '../api/runs';
import { CompareView } from '../components/compare-view';
import { ModelRegistryView } from '../components/model-registry-view';
import { RunView } from '../components/run-view';
import { RunsView } from '../components/runs-view';
import type { CompareModel } from '../models/compare-model';
import type { ModelRegistryModel } from '../models/model-registry-model';
import type { RunModel } from '../models/run-model';
import type { RunTableModel } from '../models/run-table-model';
import { asRequestError } from '../request';
import type { IExperiment } from '../tokens';

/** What the experiment tabs can ask their manager to open. */
export interface IExperimentNavigation {
  openRun(runId: string): void;
  openExperiment(experimentId: string): void;
  compareRuns(runIds: readonly string[]): void;
  openModel(name: string): void;
  openJob(name: string): void;
}

/** The body of an experiment's runs tab; it owns the table model. */
export class RunsPanel extends ReactWidget {
  constructor(options: RunsPanel.IOptions) {
    super();
    this.model = options.model;
    this._options = options;
    this.addClass('jp-mlstudio-runs-panel');
    this.model.changed.connect(() => this.update(), this);
    this.model.selection.changed.connect(() => this.update(), this);
    void this.readExperiment();
  }

  readonly model: RunTableModel;

  /** The experiment, once read. */
  get experiment(): IExperiment | null {
    return this._experiment;
  }

  /** Read the experiment (name, run count) again. */
  async readExperiment(): Promise<void> {
    try {
      this._experiment = await this._options.readExperiment();
      this.title.label = this._experiment.name;
    } catch (reason) {
      console.warn(
        'ML Studio: cannot read the experiment.',
        asRequestError(reason)
      );
    }
    this.update();
  }

  dispose(): void {
    if (!this.isDisposed) {
      this.model.dispose();
      super.dispose();
    }
  }

  protected render(): JSX.Element {
    const { navigation, trans } = this._options;
    return (
      <RunsView
        model={this.model}
        experiment={this._experiment}
        trans={trans}
        onOpenRun={runId => navigation.openRun(runId)}
        onCompare={runIds => navigation.compareRuns(runIds)}
      />
    );
  }

  private _experiment: IExperiment | null = null;
  private _options: RunsPanel.IOptions;
}

/** The body of a run's tab; it owns the run's model. */
export class RunPanel extends ReactWidget {
  constructor(options: RunPanel.IOptions) {
    super();
    this.model = options.model;
    this._options = options;
    this.addClass('jp-mlstudio-run-panel');
  }

  readonly model: RunModel;

  dispose(): void {
    if (!this.isDisposed) {
      this.model.dispose();
      super.dispose();
    }
  }

  protected render(): JSX.Element {
    const { navigation, trans } = this._options;
    return (
      <RunView
        model={this.model}
        trans={trans}
        budget={this._options.budget}
        readArtifact={this._options.readArtifact}
        downloadArtifact={this._options.downloadArtifact}
        onOpenJob={name => navigation.openJob(name)}
        onOpenExperiment={id => navigation.openExperiment(id)}
        onOpenModel={name => navigation.openModel(name)}
      />
    );
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    void this.model.refresh();
  }

  private _options: RunPanel.IOptions;
}

/** The body of a comparison tab; it owns the comparison's model. */
export class ComparePanel extends ReactWidget {
  constructor(options: ComparePanel.IOptions) {
    super();
    this.model = options.model;
    this._options = options;
    this.addClass('jp-mlstudio-compare-panel');
  }

  readonly model: CompareModel;

  dispose(): void {
    if (!this.isDisposed) {
      this.model.dispose();
      super.dispose();
    }
  }

  protected render(): JSX.Element {
    const { navigation, trans, budget } = this._options;
    return (
      <CompareView
        model={this.model}
        trans={trans}
        budget={budget}
        onOpenRun={runId => navigation.openRun(runId)}
      />
    );
  }

  private _options: ComparePanel.IOptions;
}

/** The body of the model registry tab. */
export class ModelRegistryPanel extends ReactWidget {
  constructor(options: ModelRegistryPanel.IOptions) {
    super();
    this.model = options.model;
    this._options = options;
    this.addClass('jp-mlstudio-registry-panel');
  }

  readonly model: ModelRegistryModel;

  dispose(): void {
    if (!this.isDisposed) {
      this.model.dispose();
      super.dispose();
    }
  }

  protected render(): JSX.Element {
    const { navigation, trans } = this._options;
    return (
      <ModelRegistryView
        model={this.model}
        trans={trans}
        onOpenRun={runId => navigation.openRun(runId)}
      />
    );
  }

  private _options: ModelRegistryPanel.IOptions;
}

export namespace RunsPanel {
  /** Constructor options. */
  export interface IOptions {
    model: RunTableModel;
    readExperiment: () => Promise<IExperiment>;
    navigation: IExperimentNavigation;
    trans: TranslationBundle;
  }
}

export namespace RunPanel {
  /** Constructor options. */
  export interface IOptions {
    model: RunModel;
    budget: number;
    readArtifact: (path: string, limit: number) => Promise<IArtifactContent>;
    downloadArtifact: (path: string) => void;
    navigation: IExperimentNavigation;
    trans: TranslationBundle;
  }
}

export namespace ComparePanel {
  /** Constructor options. */
  export interface IOptions {
    model: CompareModel;
    budget: number;
    navigation: IExperimentNavigation;
    trans: TranslationBundle;
  }
}

export namespace ModelRegistryPanel {
  /** Constructor options. */
  export interface IOptions {
    model: ModelRegistryModel;
    navigation: IExperimentNavigation;
    trans: TranslationBundle;
  }
}
