import type { TranslationBundle } from '@jupyterlab/translation';
import { ISignal, Signal } from '@lumino/signaling';
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
import { ModelPanel } from './model-panel';

/** What the experiment tabs can ask their manager to open. */
export interface IExperimentNavigation {
  openRun(runId: string): void;
  openExperiment(experimentId: string): void;
  compareRuns(runIds: readonly string[]): void;
  openModel(name: string): void;
  openJob(name: string): void;
  /** Register a model from a run (a dialog); absent where nothing can register. */
  registerModel?(runId: string): void;
}

/** The body of an experiment's runs tab; it owns the table model. */
export class RunsPanel extends ModelPanel<RunTableModel, RunsPanel.IOptions> {
  constructor(options: RunsPanel.IOptions) {
    super(options, { className: 'jp-mlstudio-runs-panel' });
    this.model.changed.connect(() => this.update(), this);
    this.model.selection.changed.connect(() => this.update(), this);
    void this.readExperiment();
  }

  /** The experiment, once read. */
  get experiment(): IExperiment | null {
    return this._experiment;
  }

  /** Emitted when the experiment has been read (again). */
  get experimentChanged(): ISignal<this, void> {
    return this._experimentChanged;
  }

  /** Read the experiment (name, run count) again. */
  async readExperiment(): Promise<void> {
    try {
      this._experiment = await this.options.readExperiment();
      this.title.label = this._experiment.name;
      this._experimentChanged.emit();
    } catch (reason) {
      console.warn(
        'ML Studio: cannot read the experiment.',
        asRequestError(reason)
      );
    }
    this.update();
  }

  protected render(): JSX.Element {
    const { navigation, trans } = this.options;
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
  private _experimentChanged = new Signal<this, void>(this);
}

/** The body of a run's tab; it owns the run's model. */
export class RunPanel extends ModelPanel<RunModel, RunPanel.IOptions> {
  constructor(options: RunPanel.IOptions) {
    super(options, { className: 'jp-mlstudio-run-panel', refreshOnShow: true });
  }

  protected render(): JSX.Element {
    const { navigation, trans } = this.options;
    return (
      <RunView
        model={this.model}
        trans={trans}
        budget={this.options.budget}
        readArtifact={this.options.readArtifact}
        downloadArtifact={this.options.downloadArtifact}
        onOpenJob={name => navigation.openJob(name)}
        onOpenExperiment={id => navigation.openExperiment(id)}
        onOpenModel={name => navigation.openModel(name)}
        onRegisterModel={
          navigation.registerModel
            ? () => navigation.registerModel!(this.model.runId)
            : undefined
        }
      />
    );
  }
}

/** The body of a comparison tab; it owns the comparison's model. */
export class ComparePanel extends ModelPanel<
  CompareModel,
  ComparePanel.IOptions
> {
  constructor(options: ComparePanel.IOptions) {
    super(options, { className: 'jp-mlstudio-compare-panel' });
  }

  protected render(): JSX.Element {
    const { navigation, trans, budget } = this.options;
    return (
      <CompareView
        model={this.model}
        trans={trans}
        budget={budget}
        onOpenRun={runId => navigation.openRun(runId)}
      />
    );
  }
}

/** The body of the model registry tab. */
export class ModelRegistryPanel extends ModelPanel<
  ModelRegistryModel,
  ModelRegistryPanel.IOptions
> {
  constructor(options: ModelRegistryPanel.IOptions) {
    super(options, { className: 'jp-mlstudio-registry-panel' });
  }

  protected render(): JSX.Element {
    const { navigation, trans, deploy } = this.options;
    return (
      <ModelRegistryView
        model={this.model}
        trans={trans}
        onOpenRun={runId => navigation.openRun(runId)}
        onDeploy={deploy}
        onOpenJob={name => navigation.openJob(name)}
      />
    );
  }
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
    /** Deploy a version (the endpoints plugin's command), when there is one. */
    deploy?: (name: string, version: number) => void;
  }
}
