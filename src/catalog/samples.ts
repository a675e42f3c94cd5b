import type { EventDefinition } from './events.js';

/**
 * A realistic object as Connect delivers it for an event: the shape of the API resource the event
 * is about, trimmed to the fields handlers commonly read. Ids follow Connect's prefixes.
 */
export type SampleRequest = Record<string, unknown> & { id: string };

const WHEN = '2026-01-15T10:00:00+00:00';
const product = { id: 'PRD-100-200-300', name: 'Sample Product', icon: '/media/PRD-100-200-300/media/icon.png' };
const marketplace = { id: 'MP-12345', name: 'Sample Marketplace' };
const contract = { id: 'CRD-00000-00000-00000', name: 'Sample distribution contract' };
const vendor = { id: 'VA-000-000', name: 'Sample Vendor' };
const provider = { id: 'PA-000-000', name: 'Sample Provider' };
const customer = {
  id: 'TA-0000-0000-0000',
  name: 'Sample Customer Inc.',
  external_id: 'customer-1',
  contact_info: { address_line1: '1 Main Street', city: 'Springfield', country: 'US', postal_code: '00001' },
};
const connection = { id: 'CT-0000-0000-0000', type: 'test', provider, vendor, hub: { id: 'HB-0000-0000', name: 'Sample Hub' } };

const ASSET_REQUEST_TYPE: Record<string, string> = {
  asset_purchase_request_processing: 'purchase',
  asset_change_request_processing: 'change',
  asset_suspend_request_processing: 'suspend',
  asset_resume_request_processing: 'resume',
  asset_cancel_request_processing: 'cancel',
  asset_adjustment_request_processing: 'adjustment',
  asset_purchase_request_validation: 'purchase',
  asset_change_request_validation: 'change',
};

const TIER_CONFIG_REQUEST_TYPE: Record<string, string> = {
  tier_config_setup_request_processing: 'setup',
  tier_config_change_request_processing: 'update',
  tier_config_adjustment_request_processing: 'adjustment',
  tier_config_setup_request_validation: 'setup',
  tier_config_change_request_validation: 'update',
};

function assetRequest(type: string, status: string): SampleRequest {
  return {
    id: 'PR-1000-2000-3000-001',
    type: ASSET_REQUEST_TYPE[type] ?? 'purchase',
    status,
    created: WHEN,
    updated: WHEN,
    asset: {
      id: 'AS-1000-2000-3000',
      status: type.includes('purchase') ? 'processing' : 'active',
      external_id: '100001',
      product,
      connection,
      marketplace,
      contract,
      items: [{ id: 'PRD-100-200-300-0001', mpn: 'SAMPLE-SKU-01', quantity: '10', old_quantity: '0', item_type: 'Reservation', period: 'Monthly' }],
      params: [{ id: 'subscription_id', name: 'subscription_id', type: 'text', value: '' }],
      tiers: { customer, tier1: { id: 'TA-1000-0000-0000', name: 'Sample Reseller' }, tier2: {} },
    },
    marketplace,
    contract,
  };
}

function tierConfigRequest(type: string, status: string): SampleRequest {
  return {
    id: 'TCR-100-200-300-001',
    type: TIER_CONFIG_REQUEST_TYPE[type] ?? 'setup',
    status,
    created: WHEN,
    updated: WHEN,
    configuration: { id: 'TC-100-200-300', tier_level: 1, account: customer, product, connection, marketplace, params: [] },
    params: [{ id: 'billing_account', name: 'billing_account', type: 'text', value: '' }],
  };
}

const OBJECTS: Record<string, (type: string, status: string) => SampleRequest> = {
  requests: assetRequest,
  'tier/config-requests': tierConfigRequest,
  'tier/account-requests': (_type, status) => ({
    id: 'TAR-1000-2000-3000-001-001',
    type: 'update',
    status,
    account: customer,
    product,
    provider,
    vendor,
  }),
  'usage/files': (_type, status) => ({
    id: 'UF-2026-01-1000-2000',
    name: 'January usage',
    status,
    product,
    contract,
    marketplace,
    period: { from: '2026-01-01T00:00:00+00:00', to: '2026-02-01T00:00:00+00:00' },
  }),
  'usage/chunks': (_type, status) => ({ id: 'UFC-2026-01-1000-2000-001', status, usagefile: { id: 'UF-2026-01-1000-2000' } }),
  'devops/installations': (_type, status) => ({
    id: 'EIN-1000-2000-3000',
    status,
    environment: { id: 'ENV-1000-2000-01', extension: { id: 'SRVC-1000-2000' } },
    owner: { id: 'PA-000-000', name: 'Sample Provider' },
    settings: {},
  }),
  products: (_type, status) => ({ ...product, status, owner: vendor, version: 1 }),
  listings: (_type, status) => ({ id: 'LST-100-200-300', status, product, contract, provider, vendor }),
  'listing-requests': (_type, status) => ({
    id: 'LSTR-100-200-300-001',
    type: 'new',
    status,
    listing: { id: 'LST-100-200-300', product, contract },
  }),
  contracts: (_type, status) => ({ ...contract, type: 'distribution', status, marketplace, issuer: provider }),
  'pricing/versions': (_type, status) => ({
    id: 'PLV-100-200-300-001',
    status,
    pricelist: { id: 'PL-100-200-300', name: 'Sample price list' },
    start_at: WHEN,
  }),
  'localization/translations': () => ({
    id: 'TRN-1000-2000-3000',
    context: { id: 'LCX-1000-2000-3000', instance_id: product.id, name: product.name },
    locale: { id: 'fr', name: 'French' },
  }),
  'helpdesk/cases': (_type, status) => ({
    id: 'CA-100-200-300',
    subject: 'Sample support case',
    state: status,
    priority: 1,
    type: 'technical',
    issuer: { account: provider },
    receiver: { account: vendor },
  }),
  'product-actions': () => ({
    id: 'PRA-100-200-300',
    jwt_payload: { action_id: 'sso_action', asset_id: 'AS-1000-2000-3000', api_url: 'https://api.connect.cloudblue.com/public/v1' },
  }),
  'product-custom-events': () => ({
    id: 'PCE-100-200-300',
    method: 'POST',
    querystring: {},
    headers: { 'content-type': 'application/json' },
    body: { asset_id: 'AS-1000-2000-3000', action: 'sample' },
  }),
};

export function sampleRequest(definition: EventDefinition, status = definition.statuses[0] ?? ''): SampleRequest {
  const build = OBJECTS[definition.object];
  if (!build) throw new Error(`no sample for ${definition.object}`);
  return build(definition.type, status);
}
