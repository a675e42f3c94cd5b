"""Test double of connect.client.exceptions (connect-openapi-client): the error API calls raise."""
from http import HTTPStatus


class ClientError(Exception):
    """Same constructor and attributes as the real error; str() falls back to the HTTP status."""

    def __init__(self, message=None, status_code=None, error_code=None, errors=None, **kwargs):
        self.message = message
        self.status_code = status_code
        self.error_code = error_code
        self.errors = errors
        self.additional_info = kwargs

    def __repr__(self):
        return f'<ClientError {self.status_code}: {self.error_code}>'

    def __str__(self):
        text = self.message or self._status_text() or 'Unexpected error'
        if self.error_code and self.errors:
            return f"{text}: {self.error_code} - {','.join(self.errors)}"
        return text

    def _status_text(self):
        if not self.status_code:
            return None
        status = HTTPStatus(self.status_code)
        return f"{self.status_code} {status.name.replace('_', ' ').title()}"
