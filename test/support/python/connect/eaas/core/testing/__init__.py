"""Test double of connect.eaas.core.testing."""
from connect.eaas.core.testing.testclient import WebAppTestClient  # noqa: F401
