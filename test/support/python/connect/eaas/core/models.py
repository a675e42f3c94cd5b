"""Test double of connect.eaas.core.models: the context the runner gives events and
transformations applications whose constructor has a `context` parameter."""
from dataclasses import dataclass


@dataclass
class Context:
    extension_id: str
    environment_id: str
    environment_type: str
