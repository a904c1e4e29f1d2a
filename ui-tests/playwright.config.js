/**
 * Playwright configuration for the Galata tests of the ML Studio extension.
 *
 * Runs Debian's Chromium (never a downloaded browser) against a JupyterLab that
 * Playwright starts on 127.0.0.1:8912 with jupyter_server_test_config.py, and a second one on
 * the next port with real-time co-editing on, as a shared space's server runs (the
 * co-editing spec uses it). Playwright starts both before the tests and stops both, by the
 * process it started, after them.
 */
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

const PORT = 8912;
const BASE_URL = `http://127.0.0.1:${PORT}`;
/** The co-editing server: always the main server's port plus one. */
const COLLAB_PORT = PORT + 1;

module.exports = {
  ...baseConfig,
  // Never open a report in a browser or serve it: the runs are headless.
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    ...baseConfig.use,
    baseURL: BASE_URL,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run'
      ]
    },
    video: 'off',
    trace: 'off'
  },
  // The screenshots first, on the fresh server, so the sidebar shows only what they made;
  // the behaviour tests after them (`--no-deps` runs a behaviour spec alone).
  projects: [
    {
      name: 'screens',
      testMatch: /mlstudio-screens\.spec\.ts$/,
      // The references' names carry no project name.
      snapshotPathTemplate:
        '{snapshotDir}/{testFileDir}/{testFileName}-snapshots/{arg}{-snapshotSuffix}{ext}'
    },
    {
      name: 'behaviour',
      testIgnore: /mlstudio-screens\.spec\.ts$/,
      dependencies: ['screens']
    }
  ],
  webServer: [
    {
      command: `jlpm start --ServerApp.port=${PORT}`,
      url: `${BASE_URL}/lab`,
      timeout: 120 * 1000,
      reuseExistingServer: false
    },
    {
      command: `jlpm start:coediting --ServerApp.port=${COLLAB_PORT}`,
      url: `http://127.0.0.1:${COLLAB_PORT}/lab`,
      timeout: 120 * 1000,
      reuseExistingServer: false
    }
  ]
};
