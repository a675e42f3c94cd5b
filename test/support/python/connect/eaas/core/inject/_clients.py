"""Shared by the double's inject.synchronous and inject.asynchronous (not a module of the real package)."""
import os


def client_headers(user_agent, correlation_id):
    """The default headers of the clients: the runner's User-Agent, and a W3C traceparent when
    the request carries a correlation id (its characters 3 to 34 are the operation id)."""
    headers = {'User-Agent': user_agent}
    if correlation_id:
        headers['ext-traceparent'] = f'00-{correlation_id[3:34]}-{os.urandom(8).hex()}-01'
    return headers


def impersonation(client, context, installation_id):
    return (
        client('devops')
        .services[context.extension_id]
        .installations[installation_id]
        .action('impersonate')
    )
