"""Test double of connect.client (connect-openapi-client).

The clients take the real constructor arguments and build the real fluent paths
(``client('devops').installations['EIN-1'].get()``), but every HTTP call is refused with a
``ClientError``: no Connect API is reachable from these tests. Tests replace the clients (for web
apps: ``client.app.dependency_overrides[...]``) or mock their calls. The one exception is internal
to the double: ``connect.eaas.core.testing``'s test client answers the installation look-ups the
real test client auto-mocks, through ``_canned_answers``.
"""
import copy
import threading
from contextlib import contextmanager

from connect.client.exceptions import ClientError


__all__ = ['AsyncConnectClient', 'ClientError', 'ConnectClient']

DEFAULT_ENDPOINT = 'https://api.connect.cloudblue.com/public/v1'

_answers_lock = threading.Lock()
_answers = {'sync': [], 'async': []}


@contextmanager
def _canned_answers(kind, answers):
    """While active, calls of the `kind` ('sync' or 'async') clients to {(METHOD, url): value} answer value."""
    with _answers_lock:
        _answers[kind].append(answers)
    try:
        yield
    finally:
        with _answers_lock:
            _answers[kind].remove(answers)


def _answer(client, method, path):
    url = f"{client.endpoint.rstrip('/')}/{path}"
    with _answers_lock:
        for answers in reversed(_answers[client._kind]):
            if (method, url) in answers:
                return copy.deepcopy(answers[(method, url)])
    raise ClientError(
        f'test double of connect.client: {method} {url} was not sent, no Connect API is reachable '
        'from these tests (replace the client or mock the call)',
    )


class _Node:
    def __init__(self, client, path):
        self._client = client
        self._path = path

    @property
    def path(self):
        return self._path

    def _child(self, node_class, name):
        if not isinstance(name, str):
            raise TypeError('`name` must be a string.')
        if not name:
            raise ValueError('`name` must not be blank.')
        return node_class(self._client, f'{self._path}/{name}' if self._path else name)

    def _call(self, method):
        if self._client._kind == 'async':
            async def call():
                return _answer(self._client, method, self._path)
            return call()
        return _answer(self._client, method, self._path)


class _Collections(_Node):
    def __getattr__(self, name):
        if name.startswith('_'):
            raise AttributeError(name)
        return self.collection(name.replace('_', '-'))

    def collection(self, name):
        return self._child(Collection, name)


class NS(_Collections):
    def __iter__(self):
        raise TypeError('A Namespace object is not iterable.')

    def __call__(self, name):
        return self.ns(name)

    def ns(self, name):
        return self._child(NS, name)


class _RefusedSet(_Node):
    """What all()/filter() return: the real one pages lazily; here reading it is refused."""

    def filter(self, *args, **kwargs):
        return self

    def all(self):
        return self

    def __iter__(self):
        return iter(self._call('GET'))

    def __aiter__(self):
        return self._aiter()

    async def _aiter(self):
        for item in await self._call('GET'):
            yield item

    def first(self):
        return self._call('GET')

    def count(self):
        return self._call('GET')


class Collection(_Node):
    def __iter__(self):
        raise TypeError('A Collection object is not iterable.')

    def __getitem__(self, resource_id):
        return self.resource(resource_id)

    def __call__(self, name):
        return self.action(name)

    def resource(self, resource_id):
        return self._child(Resource, str(resource_id))

    def action(self, name):
        return self._child(Action, name)

    def all(self):
        return _RefusedSet(self._client, self._path)

    def filter(self, *args, **kwargs):
        return _RefusedSet(self._client, self._path)

    def create(self, payload=None, **kwargs):
        return self._call('POST')


class Resource(_Collections):
    def __call__(self, name):
        return self.action(name)

    def action(self, name):
        return self._child(Action, name)

    def get(self, **kwargs):
        return self._call('GET')

    def update(self, payload=None, **kwargs):
        return self._call('PUT')

    def delete(self, **kwargs):
        return self._call('DELETE')


class Action(_Node):
    def get(self, **kwargs):
        return self._call('GET')

    def post(self, payload=None, **kwargs):
        return self._call('POST')

    def put(self, payload=None, **kwargs):
        return self._call('PUT')

    def delete(self, **kwargs):
        return self._call('DELETE')


class _ClientBase(_Collections):
    _kind = 'sync'

    def __init__(
        self,
        api_key,
        endpoint=None,
        use_specs=False,
        specs_location=None,
        validate_using_specs=True,
        default_headers=None,
        default_limit=100,
        max_retries=3,
        logger=None,
        timeout=(15.0, 180.0),
        resourceset_append=True,
    ):
        if default_headers and 'Authorization' in default_headers:
            raise ValueError('`default_headers` cannot contains `Authorization`')
        super().__init__(self, '')
        self.api_key = api_key
        self.endpoint = endpoint or DEFAULT_ENDPOINT
        self.default_headers = default_headers or {}
        self.default_limit = default_limit
        self.max_retries = max_retries
        self.logger = logger
        self.timeout = timeout
        self.resourceset_append = resourceset_append

    def __call__(self, name):
        return self.ns(name)

    def ns(self, name):
        return self._child(NS, name)


class ConnectClient(_ClientBase):
    _kind = 'sync'


class AsyncConnectClient(_ClientBase):
    _kind = 'async'
