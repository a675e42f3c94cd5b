"""Test double of connect.eaas.core.inject.models: the call context of a web request.

connect-eaas-core 37 declares these fields on a pydantic 1 model, where an Optional field without
a default defaults to None; with pydantic 2 (the only one here) that needs an explicit None.
"""
from typing import Literal, Optional

from pydantic import BaseModel


class Context(BaseModel):
    extension_id: Optional[str] = None
    environment_id: Optional[str] = None
    environment_type: Optional[Literal['development', 'test', 'production']] = None
    installation_id: Optional[str] = None
    tier_account_id: Optional[str] = None
    user_id: Optional[str] = None
    account_id: Optional[str] = None
    account_role: Optional[str] = None
    call_source: Optional[Literal['ui', 'api']] = None
    call_type: Optional[Literal['admin', 'user']] = None
