"""Test double of connect.eaas.core.decorators: they only attach metadata, as the real ones do."""


def event(event_type, statuses=None):
    def wrapper(func):
        func._eaas_event_info = {'method': func.__name__, 'event_type': event_type, 'statuses': statuses}
        return func
    return wrapper


def schedulable(name, description):
    def wrapper(func):
        func._eaas_schedulable_info = {'method': func.__name__, 'name': name, 'description': description}
        return func
    return wrapper


def variables(variables):
    def wrapper(cls):
        # Like the real decorator: extend an inherited/earlier list in place, skipping known names.
        if not hasattr(cls, '_eaas_variable_info'):
            cls._eaas_variable_info = variables
            return cls
        known = {item['name'] for item in cls._eaas_variable_info}
        cls._eaas_variable_info.extend(item for item in variables if item['name'] not in known)
        return cls
    return wrapper
