"""Test double of connect.eaas.core.extension: the application bases events apps use."""
import inspect
import json
import os


class ApplicationBase:
    @classmethod
    def get_descriptor(cls):
        path = os.path.join(os.path.dirname(inspect.getsourcefile(cls)), 'extension.json')
        with open(path) as descriptor:
            return json.load(descriptor)

    @classmethod
    def get_variables(cls):
        return getattr(cls, '_eaas_variable_info', [])


class EventsApplicationBase(ApplicationBase):
    def __init__(self, client, logger, config, installation_client=None, installation=None, context=None):
        self.client = client
        self.logger = logger
        self.config = config
        self.installation_client = installation_client
        self.installation = installation
        self.context = context

    @classmethod
    def get_events(cls):
        return _decorated(cls, '_eaas_event_info')

    @classmethod
    def get_schedulables(cls):
        return _decorated(cls, '_eaas_schedulable_info')


def _decorated(cls, attribute):
    """The metadata the decorators attached, method by method in alphabetical order (like inspect)."""
    return [
        getattr(member, attribute)
        for _, member in inspect.getmembers(cls, predicate=inspect.isfunction)
        if hasattr(member, attribute)
    ]
