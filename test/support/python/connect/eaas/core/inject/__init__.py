"""Test double of connect.eaas.core.inject: FastAPI dependencies of web apps."""
