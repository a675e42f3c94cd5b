import { renderFragment } from '../render.js';
import type { Feature } from './feature.js';

/** The web application: a FastAPI class-based view the runner serves under /api/, and its pages. */
export const webapp: Feature = {
  name: 'webapp',
  applies: (context) => context.has_webapp,
  contribute: (context) => ({
    entryPoints: { webapp: `${context.package_name}.webapp:${context.webapp_class}` },
    imports: {
      webapp: [
        { module: 'connect.eaas.core.decorators', names: ['router', 'web_app'] },
        { module: 'connect.eaas.core.extension', names: ['WebApplicationBase'] },
      ],
    },
  }),
};

/**
 * ccli's example endpoints for hub and multiaccount web apps: the marketplaces the extension sees,
 * and for multiaccount the installation's settings and a chart of its subscriptions (with a UI,
 * its module and settings pages).
 */
export const webappMarketplaces: Feature = {
  name: 'webapp-marketplaces',
  applies: (context) => context.has_webapp && context.extension_type !== 'transformations',
  values: (context) => {
    const perInstallation = context.extension_type === 'multiaccount';
    return {
      chart_pages: context.has_ui && perInstallation,
      connect_client_class: context.is_async ? 'AsyncConnectClient' : 'ConnectClient',
      client_dependency: perInstallation ? 'get_installation_client' : 'get_extension_client',
    };
  },
  contribute(context) {
    const perInstallation = context.extension_type === 'multiaccount';
    const inject = `connect.eaas.core.inject.${context.is_async ? 'asynchronous' : 'synchronous'}`;
    return {
      imports: {
        webapp: [
          { module: 'typing', names: ['List'] },
          { module: 'connect.client', names: [String(context.connect_client_class)] },
          ...(context.chart_pages ? [{ module: 'connect.eaas.core.decorators', names: ['account_settings_page', 'module_pages'] }] : []),
          { module: inject, names: perInstallation ? ['get_installation', 'get_installation_client'] : ['get_extension_client'] },
          ...(perInstallation
            ? [
                { module: 'connect.eaas.core.inject.common', names: ['get_call_context'] },
                { module: 'connect.eaas.core.inject.models', names: ['Context'] },
                { module: 'fastapi.encoders', names: ['jsonable_encoder'] },
              ]
            : []),
          { module: 'fastapi', names: ['Depends'] },
          { module: `${context.package_name}.schemas`, names: ['Marketplace', ...(perInstallation ? ['Settings'] : [])] },
        ],
      },
      code: { webapp: [renderFragment('webapp-marketplaces', '_endpoints.py', context)] },
      about: [renderFragment('webapp-marketplaces', '_about.md', context)],
    };
  },
};
