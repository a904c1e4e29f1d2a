import type { IListModelsOptions, IRunModelVersion } from '../api/models';
import type { IArtifactContent, ISearchRunsOptions } from '../api/runs';
import type {
  IArtifactList,
  IExperiment,
  IExperimentKeys,
  IMetricHistory,
  IRegisteredModelDetail,
  IRegisteredModelList,
  IRun,
  IRunList
} from '../tokens';

/** Settings of the experiment views, from `schema/experiments.json`. */
export interface IExperimentSettings {
  /** Experiments the sidebar reads at a time. */
  experimentsPageSize: number;
  /** Runs per read of a runs table. */
  runsPageSize: number;
  /** Most points drawn per chart, and asked of the server per series. */
  chartPointBudget: number;
  /** Points asked of the server per run and metric in a comparison. */
  comparePointsPerRun: number;
}

/** The schema's defaults, used until the settings have been read. */
export const DEFAULT_EXPERIMENT_SETTINGS: IExperimentSettings = {
  experimentsPageSize: 100,
  runsPageSize: 200,
  chartPointBudget: 1000,
  comparePointsPerRun: 500
};

/** The server calls of the experiment views. */
export interface IExperimentsApi {
  getExperiment(experimentId: string): Promise<IExperiment>;
  getExperimentKeys(experimentId: string): Promise<IExperimentKeys>;
  searchRuns(options: ISearchRunsOptions): Promise<IRunList>;
  getRun(runId: string): Promise<IRun>;
  getMetricHistory(
    runId: string,
    key: string,
    maxPoints: number | null
  ): Promise<IMetricHistory>;
  listArtifacts(runId: string, path: string): Promise<IArtifactList>;
  readArtifact(
    runId: string,
    path: string,
    limit: number
  ): Promise<IArtifactContent>;
  listModels(options: IListModelsOptions): Promise<IRegisteredModelList>;
  getModel(name: string): Promise<IRegisteredModelDetail>;
  listModelVersionsOfRun(runId: string): Promise<IRunModelVersion[]>;
  /** The URL that downloads one of a run's artifacts through the server. */
  artifactUrl(runId: string, path: string): string;
}
