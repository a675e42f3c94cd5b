"""Test double of connect.client (connect-openapi-client): clients that refuse to reach the network."""


class ClientError(Exception):
    def __init__(self, message=None, status_code=None, error_code=None, errors=None):
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.error_code = error_code
        self.errors = errors


class _OfflineClient:
    def __init__(self, api_key, endpoint=None, use_specs=False, **kwargs):
        self.api_key = api_key
        self.endpoint = endpoint

    def __call__(self, *args, **kwargs):
        raise ClientError('test double: no Connect API is reachable from these tests; mock the call')

    def __getattr__(self, name):
        if name.startswith('_'):
            raise AttributeError(name)
        raise ClientError(f'test double: no Connect API is reachable from these tests (client.{name})')


class ConnectClient(_OfflineClient):
    pass


class AsyncConnectClient(_OfflineClient):
    pass
