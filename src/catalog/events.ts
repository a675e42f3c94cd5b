/**
 * Offline snapshot of Connect's event definitions (`GET /public/v1/devops/event-definitions`).
 *
 * Connect serves the authoritative list; this snapshot lets `create` and `validate` work offline.
 * Statuses are the API's `object_statuses` as copied by ccli-generated projects (2023–2024).
 * Event types whose statuses were never published (renew/transfer requests, added 2024–2025) and
 * the legacy listing new/remove events are left out rather than guessed.
 * `hub` availability beyond the purchase request is inferred from the hub wizard, not observed.
 */

export const EXTENSION_TYPES = ['products', 'hub', 'multiaccount', 'transformations'] as const;
export type ExtensionType = (typeof EXTENSION_TYPES)[number];

export const EVENT_CATEGORIES = ['background', 'interactive'] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];

export interface EventDefinition {
  type: string;
  group: string;
  name: string;
  category: EventCategory;
  extensionTypes: readonly ExtensionType[];
  statuses: readonly string[];
  /** API collection the event's object comes from (used for sample requests). */
  object: string;
}

const REQUEST_STATUSES = ['pending', 'approved', 'failed', 'inquiring', 'scheduled', 'revoking', 'revoked'];
const REQUEST_STATUSES_NO_INQUIRING = ['pending', 'approved', 'failed', 'scheduled', 'revoking', 'revoked'];
const TIER_CONFIG_STATUSES = ['draft', 'pending', 'approved', 'failed', 'inquiring'];
const VALIDATION_STATUSES = ['draft', 'inquiring'];

const FULFILLMENT: readonly ExtensionType[] = ['products', 'hub', 'multiaccount'];
const VENDOR: readonly ExtensionType[] = ['products', 'multiaccount'];
const PRODUCTS_ONLY: readonly ExtensionType[] = ['products'];
const MULTIACCOUNT_ONLY: readonly ExtensionType[] = ['multiaccount'];

function background(
  type: string,
  group: string,
  name: string,
  statuses: readonly string[],
  extensionTypes: readonly ExtensionType[],
  object: string,
): EventDefinition {
  return { type, group, name, category: 'background', extensionTypes, statuses, object };
}

function interactive(
  type: string,
  group: string,
  name: string,
  statuses: readonly string[],
  object: string,
): EventDefinition {
  return { type, group, name, category: 'interactive', extensionTypes: PRODUCTS_ONLY, statuses, object };
}

export const EVENT_CATALOG: readonly EventDefinition[] = [
  background('asset_purchase_request_processing', 'Subscription', 'Purchase Request', REQUEST_STATUSES, FULFILLMENT, 'requests'),
  background('asset_change_request_processing', 'Subscription', 'Change Request', REQUEST_STATUSES, FULFILLMENT, 'requests'),
  background('asset_suspend_request_processing', 'Subscription', 'Suspend Request', REQUEST_STATUSES_NO_INQUIRING, FULFILLMENT, 'requests'),
  background('asset_resume_request_processing', 'Subscription', 'Resume Request', REQUEST_STATUSES_NO_INQUIRING, FULFILLMENT, 'requests'),
  background('asset_cancel_request_processing', 'Subscription', 'Cancel Request', REQUEST_STATUSES_NO_INQUIRING, FULFILLMENT, 'requests'),
  background('asset_adjustment_request_processing', 'Subscription', 'Adjustment Request', REQUEST_STATUSES, FULFILLMENT, 'requests'),
  background('tier_config_setup_request_processing', 'Tier Configuration', 'Setup Request', TIER_CONFIG_STATUSES, FULFILLMENT, 'tier/config-requests'),
  background('tier_config_change_request_processing', 'Tier Configuration', 'Change Request', TIER_CONFIG_STATUSES, FULFILLMENT, 'tier/config-requests'),
  background('tier_config_adjustment_request_processing', 'Tier Configuration', 'Adjustment Request', TIER_CONFIG_STATUSES, FULFILLMENT, 'tier/config-requests'),
  background('tier_account_update_request_processing', 'Tier Account', 'Tier Account Request', ['pending', 'accepted', 'ignored'], FULFILLMENT, 'tier/account-requests'),
  background(
    'usage_file_request_processing',
    'Usage',
    'Reporting File',
    ['draft', 'uploading', 'uploaded', 'invalid', 'processing', 'ready', 'rejected', 'pending', 'accepted', 'closed'],
    VENDOR,
    'usage/files',
  ),
  background('part_usage_file_request_processing', 'Usage', 'Reporting File Chunk', ['draft', 'ready', 'closed', 'failed'], MULTIACCOUNT_ONLY, 'usage/chunks'),
  background('installation_status_change', 'Extension', 'Installation Status Change', ['installed', 'uninstalled'], MULTIACCOUNT_ONLY, 'devops/installations'),
  background(
    'product_changed',
    'Products',
    'Product changed',
    ['draft', 'indevelopment', 'oncertification', 'published', 'initializationfailed', 'deleted', 'endofsale'],
    MULTIACCOUNT_ONLY,
    'products',
  ),
  background('listing_processing', 'Listing', 'Listings processing', ['unlisted', 'listed'], MULTIACCOUNT_ONLY, 'listings'),
  background(
    'listing_request_processing',
    'Listing',
    'Listing Request processing',
    ['draft', 'reviewing', 'deploying', 'completed', 'canceled'],
    MULTIACCOUNT_ONLY,
    'listing-requests',
  ),
  background(
    'contract_changed',
    'Contracts',
    'Contract changed',
    ['new', 'enrolling', 'pending', 'active', 'terminated', 'rejected'],
    MULTIACCOUNT_ONLY,
    'contracts',
  ),
  background(
    'pricelist_version_changed',
    'Pricing',
    'Pricelist version changed',
    ['draft', 'processing', 'scheduled', 'active', 'expired'],
    MULTIACCOUNT_ONLY,
    'pricing/versions',
  ),
  background('translation_change', 'Localization', 'Translation Change', [], MULTIACCOUNT_ONLY, 'localization/translations'),
  background(
    'helpdesk_case_processing',
    'Helpdesk',
    'Helpdesk case processing',
    ['pending', 'inquiring', 'resolved', 'closed'],
    MULTIACCOUNT_ONLY,
    'helpdesk/cases',
  ),
  interactive('asset_purchase_request_validation', 'Subscription', 'Purchase Request Validation', VALIDATION_STATUSES, 'requests'),
  interactive('asset_change_request_validation', 'Subscription', 'Change Request Validation', VALIDATION_STATUSES, 'requests'),
  interactive('tier_config_setup_request_validation', 'Tier Config', 'Setup Request Validation', VALIDATION_STATUSES, 'tier/config-requests'),
  interactive('tier_config_change_request_validation', 'Tier Config', 'Change Request Validation', VALIDATION_STATUSES, 'tier/config-requests'),
  interactive('product_action_execution', 'Product', 'Product Action', [], 'product-actions'),
  interactive('product_custom_event_processing', 'Product', 'Custom Event', [], 'product-custom-events'),
];

const BY_TYPE = new Map(EVENT_CATALOG.map((definition) => [definition.type, definition]));

export function findEvent(type: string): EventDefinition | undefined {
  return BY_TYPE.get(type);
}

export function eventsFor(extensionType: ExtensionType, category?: EventCategory): EventDefinition[] {
  return EVENT_CATALOG.filter(
    (definition) =>
      definition.extensionTypes.includes(extensionType) && (category === undefined || definition.category === category),
  );
}

/** The wizard's label for an event, as ccli shows it: "Group: Name". */
export function eventLabel(definition: EventDefinition): string {
  return `${definition.group}: ${definition.name}`;
}
