"""Test double of anvil.server (anvil-uplink): no Anvil server is reached from these tests.

* callable(fn) / callable('name') / callable(require_user=...): registers the function under its
  name (or the given one) in `registrations` and returns it unchanged, as the uplink does;
* connect(key, ...): records the key in `connected_key`, nothing is sent;
* disconnect(): forgets it;
* wait_forever(): raises, since in a test it would never return.
"""

registrations = {}
connected_key = None


def _register(fn, name=None):
    registrations[name or fn.__name__] = fn
    return fn


def callable(fn_or_name=None, require_user=None):  # noqa: A001 (the uplink's name)
    if fn_or_name is None or isinstance(fn_or_name, str):
        return lambda fn: _register(fn, fn_or_name)
    return _register(fn_or_name)


def connect(key, *args, **kwargs):
    global connected_key
    connected_key = key


def disconnect():
    global connected_key
    connected_key = None


def wait_forever():
    raise RuntimeError('test double of anvil.server: wait_forever() would never return in a test')
