"""Test double of connect.eaas.core.testing.testclient.WebAppTestClient.

A Starlette TestClient over a FastAPI app built from a web application class the way the runner
builds it: authenticated routes under /api, @unauthorized() ones under /guest and /unauthorized,
the static folder under /static, the ClientError handler plus the class's own exception handlers
and middlewares. Each request method also takes:

* context: an inject.models.Context, or a dict merged into the default context;
* installation: the installation (a dict with an 'id') the request is made for;
* config: the extension's variables, sent as the X-Connect-Config header;
* log_level: the X-Connect-Logging-Level header (default INFO).

Like the real client, when the matched endpoint itself declares Depends(get_installation) and an
installation is given, the installation look-up answers that installation; when it declares
Depends(get_installation_admin_client) and its path has an installation_id, the impersonation
answers an API key (with API_KEY set in the environment for the request).
"""
import inspect
import json
import os
from unittest.mock import patch
from urllib.parse import urlparse

from fastapi import FastAPI
from fastapi.params import Depends
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.routing import Match
from starlette.testclient import TestClient

from connect.client import ClientError, _canned_answers
from connect.eaas.core.inject import asynchronous, synchronous
from connect.eaas.core.inject.models import Context
from connect.eaas.core.utils import client_error_exception_handler


DEFAULT_CONTEXT = {
    'extension_id': 'SRVC-0000',
    'environment_id': 'ENV-0000-03',
    'environment_type': 'production',
    'user_id': 'UR-000',
    'account_id': 'VA-000',
    'account_role': 'vendor',
    'call_source': 'ui',
    'call_type': 'user',
}


class WebAppTestClient(TestClient):
    def __init__(self, webapp, base_url='https://example.org/public/v1'):
        self._url_prefix = base_url
        self._webapp_class = webapp
        self._app = self._get_application()
        super().__init__(app=self._app, base_url=base_url)
        self.headers = {
            'X-Connect-Api-Gateway-Url': self._url_prefix,
            'X-Connect-User-Agent': 'eaas-test-client',
            'X-Connect-Installation-Api-Key': 'ApiKey XXXX',
        }

    def request(self, method, url, *, context=None, installation=None, config=None, log_level=None, **kwargs):
        context = self._call_context(context, installation)
        kwargs['headers'] = self._with_internal_headers(
            dict(kwargs.get('headers') or {}), context, config, log_level,
        )
        handler, path_params = self._endpoint_and_path_params(method, url)
        if handler is None:
            return super().request(method, url, **kwargs)

        inject = asynchronous if inspect.iscoroutinefunction(handler) else synchronous
        dependencies = {
            parameter.default.dependency
            for parameter in inspect.signature(handler).parameters.values()
            if isinstance(parameter.default, Depends)
        }
        answers = {}
        if inject.get_installation in dependencies and installation:
            url_of = f"{self._url_prefix.rstrip('/')}/devops/installations/{installation['id']}"
            answers[('GET', url_of)] = installation
        if inject.get_installation_admin_client in dependencies and 'installation_id' in path_params:
            url_of = (
                f"{self._url_prefix.rstrip('/')}/devops/services/{context.extension_id}"
                f"/installations/{path_params['installation_id']}/impersonate"
            )
            answers[('POST', url_of)] = {'installation_api_key': 'api-key'}
        if not answers:
            return super().request(method, url, **kwargs)
        kind = 'async' if inject is asynchronous else 'sync'
        with _canned_answers(kind, answers), patch.dict(os.environ, {'API_KEY': 'ApiKey SU-000:XXX'}):
            return super().request(method, url, **kwargs)

    def _call_context(self, context, installation):
        if isinstance(context, Context):
            return context
        values = {**DEFAULT_CONTEXT, 'installation_id': installation['id'] if installation else None}
        values.update(context or {})
        return Context(**values)

    @staticmethod
    def _with_internal_headers(headers, context, config, log_level):
        headers['X-Connect-Logging-Level'] = log_level or 'INFO'
        if config:
            headers['X-Connect-Config'] = json.dumps(config)
        if context.installation_id:
            headers['X-Connect-Installation-Id'] = context.installation_id
        headers['X-Connect-Extension-Id'] = context.extension_id
        headers['X-Connect-Environment-Id'] = context.environment_id
        headers['X-Connect-Environment-Type'] = context.environment_type
        headers['X-Connect-User-Id'] = context.user_id
        headers['X-Connect-Account-Id'] = context.account_id
        headers['X-Connect-Account-Role'] = context.account_role
        headers['X-Connect-Call-Source'] = context.call_source
        headers['X-Connect-Call-Type'] = context.call_type
        return headers

    def _endpoint_and_path_params(self, method, url):
        """The endpoint the app would route `url` to, and its path parameters.

        Matched on the routers the app includes (newer FastAPI versions keep an included router
        whole instead of copying its routes into the app)."""
        path = urlparse(str(url)).path
        for prefix, router in self._routers:
            if not path.startswith(f'{prefix}/'):
                continue
            scope = {'type': 'http', 'method': method, 'path': path[len(prefix):], 'root_path': ''}
            for route in router.routes:
                if isinstance(route, APIRoute):
                    match, child_scope = route.matches(scope)
                    if match == Match.FULL:
                        return child_scope['endpoint'], child_scope['path_params']
        return None, {}

    def _get_application(self):
        handlers = {ClientError: client_error_exception_handler}
        if hasattr(self._webapp_class, 'get_exception_handlers'):
            handlers = self._webapp_class.get_exception_handlers(handlers)
        app = FastAPI(exception_handlers=handlers, root_path='/public/v1')

        auth_router, no_auth_router = self._webapp_class.get_routers()
        self._routers = (('/api', auth_router), ('/guest', no_auth_router), ('/unauthorized', no_auth_router))
        for prefix, router in self._routers:
            app.include_router(router, prefix=prefix)

        static_root = self._webapp_class.get_static_root()
        if static_root:
            app.mount('/static', StaticFiles(directory=static_root), name='static')

        if hasattr(self._webapp_class, 'get_middlewares'):
            self._setup_middlewares(app, self._webapp_class.get_middlewares())
        return app

    @staticmethod
    def _setup_middlewares(app, middlewares):
        """Functions become BaseHTTPMiddleware dispatchers, classes are added as they are, and
        (class, kwargs) tuples with their kwargs; anything else is ignored, as in the real one."""
        for middleware in middlewares:
            if inspect.isfunction(middleware):
                app.add_middleware(BaseHTTPMiddleware, dispatch=middleware)
            elif inspect.isclass(middleware):
                app.add_middleware(middleware)
            elif isinstance(middleware, tuple):
                app.add_middleware(middleware[0], **middleware[1])

    def get(self, *args, **kwargs):
        return self.request('GET', *args, **kwargs)

    def post(self, *args, **kwargs):
        return self.request('POST', *args, **kwargs)

    def put(self, *args, **kwargs):
        return self.request('PUT', *args, **kwargs)

    def patch(self, *args, **kwargs):
        return self.request('PATCH', *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self.request('DELETE', *args, **kwargs)

    def head(self, *args, **kwargs):
        return self.request('HEAD', *args, **kwargs)

    def options(self, *args, **kwargs):
        return self.request('OPTIONS', *args, **kwargs)
