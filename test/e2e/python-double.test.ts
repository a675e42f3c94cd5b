// The Python test double of connect.eaas.core (test/support/python) for web, Anvil and
// transformations apps: a sample project whose tests are written the way they are written against
// the real packages passes on it; the double's own extras are checked apart; and the sample's tests
// fail when the double departs from the real behaviour they rely on.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { compileAll, flake8, pytest } from '../support/check-project.js';
import { CONNECT_DOUBLE_PATH, REPO_ROOT } from '../support/python-env.js';
import { tempFolder } from '../support/temp.js';

const env = inject('pythonEnv');
const FIXTURES = join(REPO_ROOT, 'test/fixtures/python-double');

function copyOf(name: string): string {
  const dir = join(tempFolder('cce-python-double-'), name);
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

describe.concurrent('the Python double runs web, Anvil and transformations apps as connect-eaas-core does', () => {
  it('a sample project passes its own lint and tests, written against the real API', async () => {
    const dir = copyOf('sample');
    await compileAll(env, dir);
    await flake8(env, dir);
    const summary = await pytest(env, dir);
    expect(summary.failures + summary.errors).toBe(0);
    expect(summary.tests).toBe(36);
    const report = readFileSync(join(dir, '.pytest-report.xml'), 'utf8');
    for (const name of [
      'test_settings_come_from_the_installation',
      'test_greeting_uses_the_config',
      'test_default_context',
      'test_context_merges_a_dict_and_takes_the_installation',
      'test_a_connect_error_becomes_the_response',
      'test_unauthorized_endpoint_is_served_without_auth[/guest]',
      'test_routes_are_served_under_their_prefix_only[/api/status]',
      'test_static_pages_are_served[settings.html-Sample settings page]',
      'test_async_endpoint_with_an_overridden_client',
      'test_setup_registers_the_callables_with_anvil',
      'test_uppercase_row',
    ]) {
      expect(report).toContain(`name="${name}"`);
    }
  });

  it("the double's own behaviour: anvil.server stub, clients refusing the network, answered look-ups", async () => {
    const dir = copyOf('double-checks');
    const summary = await pytest(env, dir);
    expect(summary.failures + summary.errors).toBe(0);
    expect(summary.tests).toBe(20);
  });

  // Each change makes the double depart from connect-eaas-core; the sample's tests must notice.
  const departures = [
    {
      what: 'no-auth routes not under /guest',
      file: 'connect/eaas/core/testing/testclient.py',
      from: "('/guest', no_auth_router)",
      to: "('/guests', no_auth_router)",
      failing: ['test_unauthorized_endpoint_is_served_without_auth[/guest]'],
    },
    {
      what: 'routes not split on @unauthorized()',
      file: 'connect/eaas/core/extension.py',
      from: '(no_auth if unauthorized else auth)',
      to: '(auth if unauthorized else no_auth)',
      failing: ['test_routes_are_split_on_unauthorized', 'test_routes_are_served_under_their_prefix_only[/api/status]'],
    },
    {
      what: 'X-Connect-Config ignored',
      file: 'connect/eaas/core/inject/common.py',
      from: 'return json.loads(x_connect_config)',
      to: 'return {}',
      failing: ['test_greeting_uses_the_config'],
    },
    {
      what: 'another default account',
      file: 'connect/eaas/core/testing/testclient.py',
      from: "'account_id': 'VA-000'",
      to: "'account_id': 'VA-001'",
      failing: ['test_default_context', 'test_greeting_without_config'],
    },
    {
      what: 'static folder not mounted',
      file: 'connect/eaas/core/testing/testclient.py',
      from: 'if static_root:',
      to: 'if static_root is None:',
      failing: ['test_static_pages_are_served[settings.html-Sample settings page]'],
    },
    {
      what: 'installation look-up not answered',
      file: 'connect/eaas/core/testing/testclient.py',
      from: "answers[('GET', url_of)] = installation",
      to: 'pass',
      failing: ['test_settings_come_from_the_installation', 'test_async_endpoint_gets_the_installation'],
    },
    {
      what: 'ClientError not turned into a response',
      file: 'connect/eaas/core/testing/testclient.py',
      from: 'handlers = {ClientError: client_error_exception_handler}',
      to: 'handlers = {}',
      failing: ['test_a_connect_error_becomes_the_response'],
    },
    {
      what: 'Anvil callables registered positionally',
      file: 'connect/eaas/core/extension.py',
      from: 'def _keyword_call(method, **kwargs):\n    return method(**kwargs)',
      to: 'def _keyword_call(method, *args, **kwargs):\n    return method(*args, **kwargs)',
      failing: ['test_setup_registers_the_callables_with_anvil'],
    },
    {
      what: 'row styles left None',
      file: 'connect/eaas/core/responses.py',
      from: 'self.transformed_row_styles = transformed_row_styles or {}',
      to: 'self.transformed_row_styles = transformed_row_styles',
      failing: ['test_empty_cell_is_skipped'],
    },
  ];
  for (const departure of departures) {
    it(`the sample's tests catch a double that departs from it: ${departure.what}`, async () => {
      const dir = copyOf('sample');
      const double = join(tempFolder('cce-python-double-'), 'python');
      cpSync(CONNECT_DOUBLE_PATH, double, { recursive: true });
      const path = join(double, departure.file);
      const source = readFileSync(path, 'utf8');
      expect(source).toContain(departure.from);
      writeFileSync(path, source.replace(departure.from, departure.to));

      const failed = await pytest(env, dir, { PYTHONPATH: `${double}:${dir}` }).then(
        () => '',
        (error: Error) => error.message,
      );
      // pytest's report: a section headed "___ test name ___" per failure, then "N failed, M passed".
      const failures = /(\d+) failed, \d+ passed/.exec(failed);
      expect(Number(failures?.[1])).toBeGreaterThanOrEqual(departure.failing.length);
      for (const name of departure.failing) expect(failed).toContain(`_ ${name} _`);
    });
  }
});
