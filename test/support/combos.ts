/**
 * Option combinations the golden and end-to-end suites generate: extension types × sync/async ×
 * event mixes × variables × GitHub Actions × storage, chosen so every pair of values meets at least once.
 */
export interface Combo {
  name: string;
  args: string[];
}

const SEVERAL_PRODUCTS = 'asset_purchase_request_processing,asset_change_request_processing,asset_cancel_request_processing,tier_config_setup_request_processing,usage_file_request_processing';
const SEVERAL_HUB = 'asset_purchase_request_processing,asset_suspend_request_processing,asset_resume_request_processing,tier_account_update_request_processing';
const SEVERAL_MULTI = 'installation_status_change,product_changed,contract_changed,helpdesk_case_processing,translation_change,listing_request_processing';

const combo = (name: string, ...args: string[]): Combo => ({ name, args });

export const CORE_COMBOS: Combo[] = [
  combo('products-sync-one', '--extension-type', 'products', '--no-use-asyncio'),
  combo('products-async-one-vars-gha', '--extension-type', 'products', '--use-asyncio', '--include-variables-example', '--use-github-actions'),
  combo('products-sync-several-gha', '--extension-type', 'products', '--no-use-asyncio', '--background', SEVERAL_PRODUCTS, '--use-github-actions'),
  combo('products-async-several-vars', '--extension-type', 'products', '--use-asyncio', '--background', SEVERAL_PRODUCTS, '--include-variables-example'),
  combo('products-sync-interactive', '--extension-type', 'products', '--event-types', 'interactive', '--interactive', 'asset_purchase_request_validation,product_action_execution,product_custom_event_processing'),
  combo('products-async-interactive-vars-gha', '--extension-type', 'products', '--use-asyncio', '--event-types', 'interactive', '--interactive', 'asset_change_request_validation,tier_config_setup_request_validation', '--include-variables-example', '--use-github-actions'),
  combo('products-sync-scheduled-only', '--extension-type', 'products', '--event-types', 'scheduled', '--license', 'MIT'),
  combo('products-async-scheduled-only-gha', '--extension-type', 'products', '--use-asyncio', '--event-types', 'scheduled', '--use-github-actions', '--license', 'BSD'),
  combo('products-sync-all-kinds-vars', '--extension-type', 'products', '--event-types', 'background,interactive,scheduled', '--background', 'asset_purchase_request_processing,asset_suspend_request_processing', '--interactive', 'asset_purchase_request_validation', '--include-variables-example'),
  combo('products-async-all-kinds-gha', '--extension-type', 'products', '--use-asyncio', '--event-types', 'background,interactive,scheduled', '--background', SEVERAL_PRODUCTS, '--interactive', 'product_action_execution,tier_config_change_request_validation', '--use-github-actions'),
  combo('products-sync-statuses', '--extension-type', 'products', '--statuses', 'asset_purchase_request_processing=pending,inquiring'),
  combo('hub-sync-one', '--extension-type', 'hub'),
  combo('hub-async-one-gha', '--extension-type', 'hub', '--use-asyncio', '--use-github-actions', '--license', 'MIT'),
  combo('hub-sync-several-vars', '--extension-type', 'hub', '--background', SEVERAL_HUB, '--include-variables-example'),
  combo('hub-async-several-scheduled', '--extension-type', 'hub', '--use-asyncio', '--event-types', 'background,scheduled', '--background', SEVERAL_HUB),
  combo('hub-sync-scheduled-only-gha-vars', '--extension-type', 'hub', '--event-types', 'scheduled', '--use-github-actions', '--include-variables-example'),
  combo('multi-sync-one-vendor', '--extension-type', 'multiaccount', '--extension-audience', 'vendor', '--background', 'installation_status_change'),
  combo('multi-async-one-all-audience-gha', '--extension-type', 'multiaccount', '--use-asyncio', '--use-github-actions', '--background', 'product_changed'),
  combo('multi-sync-several-vars-gha', '--extension-type', 'multiaccount', '--extension-audience', 'distributor,reseller', '--background', SEVERAL_MULTI, '--include-variables-example', '--use-github-actions'),
  combo('multi-async-several-scheduled-vars', '--extension-type', 'multiaccount', '--use-asyncio', '--event-types', 'background,scheduled', '--background', SEVERAL_MULTI, '--include-variables-example', '--license', 'BSD'),
  combo('multi-sync-scheduled-only', '--extension-type', 'multiaccount', '--extension-audience', 'reseller', '--event-types', 'scheduled'),
  combo('multi-async-part-usage', '--extension-type', 'multiaccount', '--use-asyncio', '--background', 'part_usage_file_request_processing,usage_file_request_processing', '--repository-url', 'https://github.com/example/my-ext'),
  combo('longest-slug-async-all', '--project-slug', 'a_very_long_extension_name_32chr', '--use-asyncio', '--event-types', 'background,interactive,scheduled', '--background', 'tier_config_adjustment_request_processing', '--interactive', 'tier_config_change_request_validation', '--include-variables-example'),
  combo(
    'tricky-text',
    '--project-name', 'Weird "Quoted" \\ Name',
    '--description', 'He said "hi" \\ """\nand a second line with \'single\' quotes, {{braces}} and ${dollar}',
    '--author', 'O\'Brien & "Sons" \\ Ltd',
    '--project-slug', 'tricky_ext',
    '--package-name', 'tricky_pkg',
  ),
];

const STORAGES = [
  { name: 'none', args: ['--storage', 'none'] },
  { name: 'pymongo', args: ['--storage', 'mongo-driver', '--mongo-driver', 'pymongo'] },
  { name: 'motor', args: ['--storage', 'mongo-driver', '--mongo-driver', 'motor'] },
  { name: 'http', args: ['--storage', 'mongo-http'] },
];
const MODES = [
  { name: 'sync', args: ['--no-use-asyncio'] },
  { name: 'async', args: ['--use-asyncio'] },
];
const EVENT_MIXES = [
  { name: 'one', args: [] as string[] },
  { name: 'several', args: ['--background', SEVERAL_PRODUCTS, '--event-types', 'background,scheduled', '--saga-cache'] },
];

/** {sync, async} × {none, pymongo, motor, http} × {one event, several events and the saga cache}, with sagas, plus --no-saga. */
export const STATEFUL_COMBOS: Combo[] = [
  ...MODES.flatMap((mode) =>
    STORAGES.flatMap((storage) =>
      EVENT_MIXES.map((mix) => combo(`saga-${mode.name}-${storage.name}-${mix.name}`, ...mode.args, ...storage.args, ...mix.args)),
    ),
  ).filter((entry) => !(entry.name.includes('motor') && entry.name.includes('-sync-'))),
  // The longest names make the longest lines: a 32-character slug (the class names), a 50-character
  // package (the imports) and the longest event type (the test names); the fuzz test found lines over 100 columns.
  combo(
    'saga-async-pymongo-longest-names',
    '--use-asyncio',
    '--storage', 'mongo-driver',
    '--saga-cache',
    '--package-name', 'a_python_package_name_as_long_as_answers_allow_it_',
    '--background', 'tier_config_adjustment_request_processing',
  ),
  combo('nosaga-sync-pymongo', '--no-saga', '--storage', 'mongo-driver'),
  combo('nosaga-async-http-several', '--no-saga', '--use-asyncio', '--storage', 'mongo-http', '--background', SEVERAL_PRODUCTS),
  combo('nosaga-async-motor-multi', '--no-saga', '--use-asyncio', '--storage', 'mongo-driver', '--mongo-driver', 'motor', '--extension-type', 'multiaccount', '--background', SEVERAL_MULTI),
];

/** ccli's feature matrix: web, Anvil and transformations applications, with and without a UI, with and without storage. */
export const APPLICATION_COMBOS: Combo[] = [
  combo('products-events-anvil', '--extension-type', 'products', '--application-types', 'events,anvil'),
  combo('hub-events-webapp', '--extension-type', 'hub', '--application-types', 'events,webapp'),
  combo('hub-async-webapp-vars', '--extension-type', 'hub', '--use-asyncio', '--application-types', 'events,webapp', '--include-variables-example'),
  combo('multi-events-ui-anvil', '--extension-type', 'multiaccount', '--application-types', 'events,webapp,anvil', '--webapp-supports-ui', '--use-github-actions'),
  combo('multi-webapp-no-ui', '--extension-type', 'multiaccount', '--application-types', 'webapp', '--no-webapp-supports-ui'),
  combo('multi-async-anvil-only', '--extension-type', 'multiaccount', '--use-asyncio', '--application-types', 'anvil'),
  combo('tfn-ui', '--extension-type', 'transformations', '--extension-audience', 'vendor,distributor'),
  combo('tfn-async-ui-vars-gha', '--extension-type', 'transformations', '--extension-audience', 'reseller', '--use-asyncio', '--include-variables-example', '--use-github-actions'),
  combo('multi-ui-stored-pymongo', '--extension-type', 'multiaccount', '--application-types', 'events,webapp', '--storage', 'mongo-driver'),
  combo('multi-ui-stored-pymongo-async', '--extension-type', 'multiaccount', '--application-types', 'events,webapp', '--storage', 'mongo-driver', '--use-asyncio'),
  combo('multi-ui-stored-motor', '--extension-type', 'multiaccount', '--application-types', 'events,webapp', '--storage', 'mongo-driver', '--mongo-driver', 'motor', '--use-asyncio'),
  combo('multi-ui-stored-http', '--extension-type', 'multiaccount', '--application-types', 'events,webapp', '--storage', 'mongo-http', '--saga-cache', '--use-github-actions'),
];
