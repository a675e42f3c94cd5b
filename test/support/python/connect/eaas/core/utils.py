"""Test double of connect.eaas.core.utils: the exception handler web apps get for ClientError."""
from fastapi.responses import JSONResponse, PlainTextResponse


def client_error_exception_handler(request, exc):
    """A ClientError as a response: its status (500 without one), JSON if it has an error code."""
    status_code = exc.status_code or 500
    if not exc.error_code:
        return PlainTextResponse(status_code=status_code, content=str(exc))
    return JSONResponse(status_code=status_code, content={'error_code': exc.error_code, 'errors': exc.errors})
