"""Test double of fastapi_utils.cbv.cbv (fastapi-utils 0.8), which connect.eaas.core exports as
``web_app``: class-based views.

``cbv(router)(cls)``:

* makes the class injectable: its annotated, non-ClassVar attributes become keyword-only
  parameters of its signature, defaulting to the class attribute (typically ``Depends(...)``), so
  FastAPI resolves them per request and the instance gets them as attributes;
* rebinds the class's endpoints already on ``router``: the first parameter (``self``) defaults to
  ``Depends(cls)``, the others become keyword-only, and the route is added again, at the end of
  the router and renamed ``Class.name``, so that FastAPI reads the new signature.
"""
import inspect
from typing import ClassVar, get_origin, get_type_hints

from fastapi import Depends
from fastapi.routing import APIRoute


CBV_CLASS_KEY = '__cbv_class__'


def cbv(router, *urls):
    if urls:
        raise NotImplementedError(
            'test double of fastapi_utils.cbv: routes allocated by method name (cbv(router, url)) '
            'are not supported; decorate the methods with @router.<method>(path)',
        )

    def decorate(cls):
        _make_injectable(cls)
        _bind_endpoints(router, cls)
        return cls
    return decorate


def _is_class_var(hint):
    return hint is ClassVar or get_origin(hint) is ClassVar


def _make_injectable(cls):
    if getattr(cls, CBV_CLASS_KEY, False):
        return
    original_init = cls.__init__
    own_parameters = [
        parameter
        for parameter in list(inspect.signature(original_init).parameters.values())[1:]
        if parameter.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    ]
    hints = get_type_hints(cls)
    injected = [name for name, hint in hints.items() if not _is_class_var(hint)]
    parameters = own_parameters + [
        inspect.Parameter(
            name,
            inspect.Parameter.KEYWORD_ONLY,
            annotation=hints[name],
            default=getattr(cls, name, inspect.Parameter.empty),
        )
        for name in injected
    ]

    def __init__(self, *args, **kwargs):
        for name in injected:
            setattr(self, name, kwargs.pop(name))
        original_init(self, *args, **kwargs)

    cls.__init__ = __init__
    cls.__signature__ = inspect.Signature(parameters)
    setattr(cls, CBV_CLASS_KEY, True)


def _bind_endpoints(router, cls):
    keys = [
        (route.path, tuple(sorted(route.methods)))
        for route in router.routes
        if isinstance(route, APIRoute)
    ]
    if len(set(keys)) != len(keys):
        raise Exception('the same path and HTTP method are routed more than once')

    methods = {member for _, member in inspect.getmembers(cls, inspect.isfunction)}
    for route in [r for r in router.routes if getattr(r, 'endpoint', None) in methods]:
        router.routes.remove(route)
        _take_instance_first(cls, route.endpoint)
        _add_again(router, route, name=f'{cls.__name__}.{route.name}')


def _add_again(router, route, name):
    """Adds `route` anew (FastAPI reads the endpoint's signature when a route is made), with the
    settings it had. Older FastAPI versions copy routes on include_router, newer ones include the
    router itself: add_api_route works the same on both."""
    settings = {
        parameter: getattr(route, parameter)
        for parameter in inspect.signature(router.add_api_route).parameters
        if parameter not in ('path', 'endpoint', 'name') and hasattr(route, parameter)
    }
    router.add_api_route(route.path[len(router.prefix):], route.endpoint, name=name, **settings)


def _take_instance_first(cls, endpoint):
    signature = inspect.signature(endpoint)
    first, *others = signature.parameters.values()
    endpoint.__signature__ = signature.replace(
        parameters=[first.replace(default=Depends(cls))]
        + [parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY) for parameter in others],
    )
