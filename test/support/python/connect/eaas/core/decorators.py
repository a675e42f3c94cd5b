"""Test double of connect.eaas.core.decorators.

The decorators only attach metadata (the attribute names of connect.eaas.core.constants), as the
real ones do; nothing is validated here. ``router`` is one module-level router every web app's
endpoints register on (fastapi-utils 0.8's ``InferringRouter`` is ``fastapi.APIRouter``, which
infers an endpoint's response model from its return annotation), and ``web_app`` is the
class-based-view decorator (``fastapi_utils.cbv.cbv``, doubled in ``_class_views``).
"""
from typing import Dict, List, Union

from fastapi import APIRouter

from connect.eaas.core._class_views import cbv
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


def _marking(attribute, value_for):
    """A function decorator setting `attribute` to value_for(func)."""
    def wrapper(func):
        setattr(func, attribute, value_for(func))
        return func
    return wrapper


def _class_attribute(attribute, value):
    def wrapper(cls):
        setattr(cls, attribute, value)
        return cls
    return wrapper


def event(event_type, statuses=None):
    return _marking(
        EVENT_INFO_ATTR_NAME,
        lambda func: {'method': func.__name__, 'event_type': event_type, 'statuses': statuses},
    )


def schedulable(name, description):
    return _marking(
        SCHEDULABLE_INFO_ATTR_NAME,
        lambda func: {'method': func.__name__, 'name': name, 'description': description},
    )


def _declare_variables(cls, variables):
    """Like the real decorator: extend an inherited or earlier list in place, skipping known names."""
    if not hasattr(cls, VARIABLES_INFO_ATTR_NAME):
        setattr(cls, VARIABLES_INFO_ATTR_NAME, variables)
        return
    declared = getattr(cls, VARIABLES_INFO_ATTR_NAME)
    for variable in variables:
        if all(known['name'] != variable['name'] for known in declared):
            declared.append(variable)


def variables(variables):
    def wrapper(cls):
        _declare_variables(cls, variables)
        return cls
    return wrapper


def _secret_variable(attribute, name):
    def wrapper(cls):
        setattr(cls, attribute, name)
        _declare_variables(cls, [])
        _declare_variables(cls, [{'name': name, 'initial_value': 'changeme!', 'secure': True}])
        return cls
    return wrapper


def anvil_key_variable(name):
    return _secret_variable(ANVIL_KEY_VAR_ATTR_NAME, name)


def django_secret_key_variable(name):
    return _secret_variable(DJANGO_SECRET_KEY_VAR_ATTR_NAME, name)


def anvil_callable(summary=None, description=None):
    return _marking(
        ANVIL_CALLABLE_ATTR_NAME,
        lambda func: {
            'method': func.__name__,
            'summary': summary or func.__name__.replace('_', ' ').title(),
            'description': description or func.__doc__ or '',
        },
    )


def unauthorized():
    return _marking(UNAUTHORIZED_ENDPOINT_ATTR_NAME, lambda func: True)


guest = unauthorized  # deprecated alias, kept by the real package


def account_settings_page(label: str, url: str, icon: str = None):
    page = {'label': label, 'url': url}
    if icon:
        page['icon'] = icon
    return _class_attribute(ACCOUNT_SETTINGS_PAGE_ATTR_NAME, page)


def module_pages(label: str, url: str, icon: str = None, children: List[Dict] = None):
    page = {'label': label, 'url': url}
    if icon:
        page['icon'] = icon
    if children:
        page['children'] = children
    return _class_attribute(MODULE_PAGES_ATTR_NAME, page)


def admin_pages(pages: List[Dict]):
    return _class_attribute(ADMIN_PAGES_ATTR_NAME, pages)


def devops_pages(pages: List[Dict]):
    return _class_attribute(DEVOPS_PAGES_ATTR_NAME, pages)


def customer_pages(pages: List[Dict]):
    return _class_attribute(CUSTOMER_PAGES_ATTR_NAME, pages)


def proxied_connect_api(endpoints: Union[List[str], Dict]):
    return _class_attribute(PROXIED_CONNECT_API_ATTR_NAME, endpoints)


def transformation(name: str, description: str, edit_dialog_ui: str):
    def wrapper(func):
        # @manual_transformation() applied first (below this one) is kept.
        manual = getattr(func, TRANSFORMATION_ATTR_NAME, {}).get('manual', False)
        setattr(func, TRANSFORMATION_ATTR_NAME, {
            'method': func.__name__,
            'name': name,
            'description': description,
            'edit_dialog_ui': edit_dialog_ui,
            'manual': manual,
        })
        return func
    return wrapper


def manual_transformation():
    def wrapper(func):
        if hasattr(func, TRANSFORMATION_ATTR_NAME):
            getattr(func, TRANSFORMATION_ATTR_NAME)['manual'] = True
        else:
            setattr(func, TRANSFORMATION_ATTR_NAME, {'manual': True})
        return func
    return wrapper


router = APIRouter()
web_app = cbv
