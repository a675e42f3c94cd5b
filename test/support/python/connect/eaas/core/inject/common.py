"""Test double of connect.eaas.core.inject.common: config, logger and call context, read from the
X-Connect-* headers the runner (or the test client) sets on each request."""
import json
import logging

from fastapi import Depends, Header

from connect.eaas.core.inject.models import Context


def get_call_context(
    x_connect_installation_id: str = Header(None),
    x_connect_user_id: str = Header(None),
    x_connect_account_id: str = Header(None),
    x_connect_account_role: str = Header(None),
    x_connect_call_source: str = Header(None),
    x_connect_call_type: str = Header(None),
    x_connect_extension_id: str = Header(None),
    x_connect_environment_id: str = Header(None),
    x_connect_environment_type: str = Header(None),
    x_connect_tier_account_id: str = Header(None),
) -> Context:
    return Context(
        extension_id=x_connect_extension_id,
        environment_id=x_connect_environment_id,
        environment_type=x_connect_environment_type,
        installation_id=x_connect_installation_id,
        tier_account_id=x_connect_tier_account_id,
        user_id=x_connect_user_id,
        account_id=x_connect_account_id,
        account_role=x_connect_account_role,
        call_source=x_connect_call_source,
        call_type=x_connect_call_type,
    )


def get_logger(
    x_connect_logging_api_key: str = Header(None),
    x_connect_logging_metadata: str = Header('{}'),
    x_connect_logging_level: str = Header('INFO'),
    context: Context = Depends(get_call_context),
):
    """The 'eaas.webapp' logger at the requested level, with the call context as extra fields.

    The real one also ships the records to logz.io when X-Connect-Logging-Api-Key is set; the
    double never does.
    """
    logger = logging.getLogger('eaas.webapp')
    logger.setLevel(getattr(logging, x_connect_logging_level))
    return logging.LoggerAdapter(logger, context.model_dump())


def get_config(x_connect_config: str = Header('{}')):
    """The extension's variables (name -> value), JSON in the X-Connect-Config header."""
    return json.loads(x_connect_config)
