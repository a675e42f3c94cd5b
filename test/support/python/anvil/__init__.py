"""Test double of the `anvil` package of anvil-uplink (not installable here): only anvil.server."""
