"""The GraphQL schema MLflow's UI and tools query at ``/graphql``: MLflow's type and field
names (its REST messages with camelCase fields), so that the same queries run here.

Every object is the face's REST answer for the matching endpoint; field names map from camelCase
to the REST answer's snake_case keys. ``LongString`` carries 64-bit numbers as text, as MLflow's
does, so a browser does not round them.
"""

SDL = """
directive @component(name: String!) on QUERY | MUTATION

scalar LongString

type Query {
  mlflowGetExperiment(input: MlflowGetExperimentInput): MlflowGetExperimentResponse
  mlflowGetMetricHistoryBulkInterval(
    input: MlflowGetMetricHistoryBulkIntervalInput
  ): MlflowGetMetricHistoryBulkIntervalResponse
  mlflowGetRun(input: MlflowGetRunInput): MlflowGetRunResponse
  mlflowListArtifacts(input: MlflowListArtifactsInput): MlflowListArtifactsResponse
  mlflowSearchModelVersions(
    input: MlflowSearchModelVersionsInput
  ): MlflowSearchModelVersionsResponse
  mlflowSearchRuns(input: MlflowSearchRunsInput): MlflowSearchRunsResponse
  "Echoes its input: a probe that the endpoint answers."
  test(inputString: String): Test
}

type Mutation {
  mlflowSearchDatasets(input: MlflowSearchDatasetsInput): MlflowSearchDatasetsResponse
  mlflowSearchRuns(input: MlflowSearchRunsInput): MlflowSearchRunsResponse
  "Echoes its input: a probe that mutations are answered."
  testMutation(inputString: String): TestMutation
}

type Test { output: String }
type TestMutation { output: String }

type ErrorDetail { field: String message: String }
type ApiError {
  code: String
  message: String
  helpUrl: String
  traceId: String
  errorDetails: [ErrorDetail]
}

input MlflowGetExperimentInput { experimentId: String }
type MlflowGetExperimentResponse { experiment: MlflowExperiment apiError: ApiError }
type MlflowExperimentTag { key: String value: String }
type MlflowExperiment {
  experimentId: String
  name: String
  artifactLocation: String
  lifecycleStage: String
  lastUpdateTime: LongString
  creationTime: LongString
  tags: [MlflowExperimentTag!]
  effectiveTraceArchivalRetention: String
  workspace: String
}

input MlflowGetMetricHistoryBulkIntervalInput {
  runIds: [String]
  metricKey: String
  startStep: Int
  endStep: Int
  maxResults: Int
}
type MlflowMetricWithRunId {
  key: String
  value: Float
  timestamp: LongString
  step: LongString
  runId: String
}
type MlflowGetMetricHistoryBulkIntervalResponse {
  metrics: [MlflowMetricWithRunId!]
  apiError: ApiError
}

input MlflowGetRunInput { runId: String runUuid: String }
type MlflowGetRunResponse { run: MlflowRunExtension apiError: ApiError }

enum MlflowRunStatus { RUNNING SCHEDULED FINISHED FAILED KILLED }
enum MlflowViewType { ACTIVE_ONLY DELETED_ONLY ALL }

type MlflowRunExtension {
  info: MlflowRunInfo
  data: MlflowRunData
  inputs: MlflowRunInputs
  outputs: MlflowRunOutputs
  experiment: MlflowExperiment
  modelVersions: [MlflowModelVersion!]
}
type MlflowRunInfo {
  runId: String
  runUuid: String
  runName: String
  experimentId: String
  userId: String
  status: MlflowRunStatus
  startTime: LongString
  endTime: LongString
  artifactUri: String
  lifecycleStage: String
}
type MlflowRunData {
  metrics: [MlflowMetricExtension!]
  params: [MlflowParam!]
  tags: [MlflowRunTag!]
}
type MlflowMetricExtension {
  key: String
  value: Float
  timestamp: LongString
  step: LongString
  datasetName: String
  datasetDigest: String
  modelId: String
  runId: String
}
type MlflowParam { key: String value: String }
type MlflowRunTag { key: String value: String }
type MlflowRunInputs {
  datasetInputs: [MlflowDatasetInput!]
  modelInputs: [MlflowModelInput!]
}
type MlflowDatasetInput { tags: [MlflowInputTag!] dataset: MlflowDataset }
type MlflowInputTag { key: String value: String }
type MlflowDataset {
  name: String
  digest: String
  sourceType: String
  source: String
  schema: String
  profile: String
}
type MlflowModelInput { modelId: String }
type MlflowRunOutputs { modelOutputs: [MlflowModelOutput!] }
type MlflowModelOutput { modelId: String step: LongString }

enum MlflowModelVersionStatus { PENDING_REGISTRATION FAILED_REGISTRATION READY }
enum MlflowDeploymentJobConnectionState {
  DEPLOYMENT_JOB_CONNECTION_STATE_UNSPECIFIED
  NOT_SET_UP
  CONNECTED
  NOT_FOUND
  REQUIRED_PARAMETERS_CHANGED
}
enum MlflowModelVersionDeploymentJobStateDeploymentJobRunState {
  DEPLOYMENT_JOB_RUN_STATE_UNSPECIFIED
  NO_VALID_DEPLOYMENT_JOB_FOUND
  RUNNING
  SUCCEEDED
  FAILED
  PENDING
  APPROVAL
}
type MlflowModelVersionDeploymentJobState {
  jobId: String
  runId: String
  jobState: MlflowDeploymentJobConnectionState
  runState: MlflowModelVersionDeploymentJobStateDeploymentJobRunState
  currentTaskName: String
}
type MlflowModelVersionTag { key: String value: String }
type MlflowModelParam { name: String value: String }
type MlflowModelMetric {
  key: String
  value: Float
  timestamp: LongString
  step: LongString
  datasetName: String
  datasetDigest: String
  modelId: String
  runId: String
}
type MlflowModelVersion {
  name: String
  version: String
  creationTimestamp: LongString
  lastUpdatedTimestamp: LongString
  userId: String
  currentStage: String
  description: String
  source: String
  runId: String
  status: MlflowModelVersionStatus
  statusMessage: String
  tags: [MlflowModelVersionTag!]
  runLink: String
  aliases: [String]
  modelId: String
  modelParams: [MlflowModelParam!]
  modelMetrics: [MlflowModelMetric!]
  deploymentJobState: MlflowModelVersionDeploymentJobState
}

input MlflowListArtifactsInput {
  runId: String
  runUuid: String
  path: String
  pageToken: String
}
type MlflowFileInfo { path: String isDir: Boolean fileSize: LongString }
type MlflowListArtifactsResponse {
  rootUri: String
  files: [MlflowFileInfo!]
  nextPageToken: String
  apiError: ApiError
}

input MlflowSearchModelVersionsInput {
  filter: String
  maxResults: LongString
  orderBy: [String]
  pageToken: String
}
type MlflowSearchModelVersionsResponse {
  modelVersions: [MlflowModelVersion!]
  nextPageToken: String
  apiError: ApiError
}

input MlflowSearchRunsInput {
  experimentIds: [String]
  filter: String
  runViewType: MlflowViewType = null
  maxResults: Int
  orderBy: [String]
  pageToken: String
}
type MlflowSearchRunsResponse {
  runs: [MlflowRunExtension!]
  nextPageToken: String
  apiError: ApiError
}

input MlflowSearchDatasetsInput { experimentIds: [String] }
type MlflowDatasetSummary {
  experimentId: String
  name: String
  digest: String
  context: String
}
type MlflowSearchDatasetsResponse {
  datasetSummaries: [MlflowDatasetSummary!]
  apiError: ApiError
}
"""
