/**
 * The environment variables connect-extension-runner reads (its helpers.get_environment and its
 * entrypoint) and connect-eaas-core's egress proxy reads. An extension variable must not take one
 * of these names: locally, the env file that configures the runner would also answer for it.
 */
export const RUNNER_VARIABLES: ReadonlySet<string> = new Set([
  'API_KEY',
  'ENVIRONMENT_ID',
  'SERVER_ADDRESS',
  'API_ADDRESS',
  'INSTANCE_ID',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'BACKGROUND_TASK_MAX_EXECUTION_TIME',
  'INTERACTIVE_TASK_MAX_EXECUTION_TIME',
  'SCHEDULED_TASK_MAX_EXECUTION_TIME',
  'TRANSFORMATION_TASK_MAX_EXECUTION_TIME',
  'ROW_TRANSFORMATION_TASK_MAX_EXECUTION_TIME',
  'TRANSFORMATION_WRITE_QUEUE_TIMEOUT',
  'EXTENSION_DIR',
  'REPOSITORY_URL',
  'COMMIT_ID',
  'RUNNING_MODE',
  'EGRESS_PROXIES_CONFIG',
  'TLS_CLIENT_CERT',
  'TLS_CLIENT_KEY',
  'TLS_CA_CERT',
]);
