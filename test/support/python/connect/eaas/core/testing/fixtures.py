"""Test double of connect.eaas.core.testing.fixtures, the pytest plugin of connect-eaas-core.

The real package registers it through a `pytest11` entry point; the double has no distribution
to declare one, so the test harness loads it with PYTEST_PLUGINS=connect.eaas.core.testing.fixtures.
"""
import pytest

from connect.eaas.core.testing.testclient import WebAppTestClient


@pytest.fixture
def test_client_factory():
    """A function building a WebAppTestClient for a web application class."""

    def build(webapp, base_url='https://example.org/public/v1'):
        return WebAppTestClient(webapp, base_url=base_url)

    return build
