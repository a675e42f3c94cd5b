"""Test double of connect.eaas.core.extension: the application base classes.

Same constructors, instance attributes and class methods as connect-eaas-core 37.x; the metadata
they return is what the decorators of connect.eaas.core.decorators attached.
"""
import functools
import inspect
import json
import os

import anvil.server
from fastapi import APIRouter

from connect.client import AsyncConnectClient, ConnectClient
from connect.eaas.core.constants import (
    ACCOUNT_SETTINGS_PAGE_ATTR_NAME,
    ADMIN_PAGES_ATTR_NAME,
    ANVIL_CALLABLE_ATTR_NAME,
    ANVIL_KEY_VAR_ATTR_NAME,
    CUSTOMER_PAGES_ATTR_NAME,
    DEVOPS_PAGES_ATTR_NAME,
    DJANGO_SECRET_KEY_VAR_ATTR_NAME,
    EVENT_INFO_ATTR_NAME,
    MODULE_PAGES_ATTR_NAME,
    PROXIED_CONNECT_API_ATTR_NAME,
    SCHEDULABLE_INFO_ATTR_NAME,
    TRANSFORMATION_ATTR_NAME,
    UNAUTHORIZED_ENDPOINT_ATTR_NAME,
    VARIABLES_INFO_ATTR_NAME,
)
from connect.eaas.core.decorators import router


def _decorated(cls, attribute):
    """The metadata the decorators attached, method by method in alphabetical order (like inspect)."""
    return [
        getattr(member, attribute)
        for _, member in inspect.getmembers(cls, predicate=inspect.isfunction)
        if hasattr(member, attribute)
    ]


class ApplicationBase:
    @classmethod
    def get_descriptor(cls):
        """extension.json beside the module that defines the class."""
        source = inspect.getsourcefile(cls) or inspect.getfile(cls)
        with open(os.path.join(os.path.dirname(source), 'extension.json')) as descriptor:
            return json.load(descriptor)

    @classmethod
    def get_variables(cls):
        return getattr(cls, VARIABLES_INFO_ATTR_NAME, [])

    @classmethod
    def get_django_secret_key_variable(cls):
        return getattr(cls, DJANGO_SECRET_KEY_VAR_ATTR_NAME, None)


def _admin_client(client, data, client_class):
    return client_class(
        data['installation_api_key'],
        endpoint=client.endpoint,
        default_headers=client.default_headers,
        logger=client.logger,
    )


class InstallationAdminClientMixin:
    """A client acting as an installation's owner: POST devops/services/{ext}/installations/{id}/impersonate."""

    def _impersonation(self, installation_id):
        return (
            self.client('devops')
            .services[self.context.extension_id]
            .installations[installation_id]
            .action('impersonate')
        )

    def get_installation_admin_client(self, installation_id):
        return _admin_client(self.client, self._impersonation(installation_id).post(), ConnectClient)

    async def get_installation_admin_async_client(self, installation_id):
        data = await self._impersonation(installation_id).post()
        return _admin_client(self.client, data, AsyncConnectClient)


class EventsApplicationBase(ApplicationBase, InstallationAdminClientMixin):
    def __init__(self, client, logger, config, installation_client=None, installation=None, context=None):
        self.client = client
        self.logger = logger
        self.config = config
        self.installation_client = installation_client
        self.installation = installation
        self.context = context

    @classmethod
    def get_events(cls):
        return _decorated(cls, EVENT_INFO_ATTR_NAME)

    @classmethod
    def get_schedulables(cls):
        return _decorated(cls, SCHEDULABLE_INFO_ATTR_NAME)


class Extension(EventsApplicationBase):
    """Deprecated name (v1) of EventsApplicationBase."""


class WebApplicationBase(ApplicationBase):
    """No constructor: @web_app(router) makes FastAPI build one instance per request."""

    @classmethod
    def get_static_root(cls):
        """The absolute path of the `static` folder beside the class's module, if there is one."""
        static_root = os.path.abspath(os.path.join(os.path.dirname(inspect.getfile(cls)), 'static'))
        return static_root if os.path.isdir(static_root) else None

    @classmethod
    def get_routers(cls):
        """(authenticated, unauthenticated): every route of the shared router, split on @unauthorized()."""
        auth, no_auth = APIRouter(), APIRouter()
        for route in router.routes:
            unauthorized = getattr(route.endpoint, UNAUTHORIZED_ENDPOINT_ATTR_NAME, False)
            (no_auth if unauthorized else auth).routes.append(route)
        return auth, no_auth

    @classmethod
    def get_ui_modules(cls):
        keys = (
            ('settings', ACCOUNT_SETTINGS_PAGE_ATTR_NAME),
            ('modules', MODULE_PAGES_ATTR_NAME),
            ('admins', ADMIN_PAGES_ATTR_NAME),
            ('devops', DEVOPS_PAGES_ATTR_NAME),
            ('customer', CUSTOMER_PAGES_ATTR_NAME),
        )
        return {key: getattr(cls, attribute) for key, attribute in keys if hasattr(cls, attribute)}

    @classmethod
    def get_proxied_connect_api(cls):
        return getattr(cls, PROXIED_CONNECT_API_ATTR_NAME, [])


def _keyword_call(method, **kwargs):
    return method(**kwargs)


class AnvilApplicationBase(ApplicationBase):
    def __init__(self, client, logger, config, installation_client=None, installation=None):
        self.client = client
        self.logger = logger
        self.config = config
        self.installation_client = installation_client
        self.installation = installation

    @classmethod
    def get_anvil_key_variable(cls):
        return getattr(cls, ANVIL_KEY_VAR_ATTR_NAME, None)

    @classmethod
    def get_anvil_callables(cls):
        return _decorated(cls, ANVIL_CALLABLE_ATTR_NAME)

    def setup_anvil_callables(self):
        """Registers each @anvil_callable method, bound to this instance, with anvil.server.callable.

        As in the real package, what is registered passes on keyword arguments only, under the
        method's name.
        """
        for _, member in inspect.getmembers(self, inspect.ismethod):
            if getattr(member, ANVIL_CALLABLE_ATTR_NAME, False):
                registered = functools.partial(_keyword_call, member)
                registered.__name__ = member.__name__
                anvil.server.callable(registered)


class TransformationsApplicationBase(ApplicationBase, InstallationAdminClientMixin):
    def __init__(
        self,
        client,
        logger,
        config,
        installation_client=None,
        installation=None,
        context=None,
        transformation_request=None,
    ):
        self.client = client
        self.logger = logger
        self.config = config
        self.installation_client = installation_client
        self.installation = installation
        self.context = context
        self.transformation_request = transformation_request

    @classmethod
    def get_transformations(cls):
        return _decorated(cls, TRANSFORMATION_ATTR_NAME)
