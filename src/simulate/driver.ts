/**
 * The Python side of `simulate`, run with the project's interpreter. It logs to stderr and talks
 * in JSON lines: it reads the job on stdin, answers with the events the application handles (after
 * RESULT_MARKER on stdout), then reads the request to push through the handler (or an empty object
 * to stop there) and answers with the result.
 */
export const RESULT_MARKER = '__create_connect_extension_simulate__';

export const SIMULATE_DRIVER = String.raw`
import asyncio
import importlib
import importlib.util
import inspect
import json
import logging
import os
import sys

MARKER = '${RESULT_MARKER}'


class ExplainingClient:
    """Stands in for the Connect client when simulate has no credentials to give the handler."""

    def __init__(self, reason):
        self._reason = reason

    def __call__(self, *args, **kwargs):
        raise RuntimeError(f'The handler called the Connect API, but {self._reason}')

    def __getattr__(self, name):
        if name.startswith('_'):
            raise AttributeError(name)
        raise RuntimeError(f'The handler called the Connect API (client.{name}), but {self._reason}')


def connect_client(job, is_async):
    api_key, server = job['connect_api_key'], job['connect_server']
    if not api_key:
        return ExplainingClient(
            'simulate has no credentials: put a real API_KEY and SERVER_ADDRESS in the env file',
        )
    try:
        from connect.client import AsyncConnectClient, ConnectClient
    except ImportError:
        return ExplainingClient('connect-openapi-client is not installed in this Python (poetry install)')
    client_class = AsyncConnectClient if is_async else ConnectClient
    return client_class(api_key, endpoint=f'https://{server}/public/v1')


def importable(name):
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def emit(message):
    sys.stdout.write(MARKER + json.dumps(message) + '\n')
    sys.stdout.flush()


def settings_for(app_class, job):
    flags, env_file, runner = job['flags'], job['env_file'], set(job['runner_variables'])
    config = {}
    for variable in app_class.get_variables():
        name = variable['name']
        value = flags.get(name)
        if value in (None, '') and name not in runner:
            value = os.environ.get(name) or env_file.get(name)
        config[name] = value if value not in (None, '') else variable.get('initial_value', '')
    config.update(flags)
    return config


async def settle(value):
    return await value if inspect.isawaitable(value) else value


def jsonable(value):
    return json.loads(json.dumps(value, default=str))


async def simulate(job):
    sys.path.insert(0, job['project_dir'])
    module_name, class_name = job['entry'].split(':')
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name and error.name.split('.')[0] == job['package']:
            raise
        missing = [name for name in job['modules'] if not importable(name)]
        if not any(name == error.name or name.startswith(f'{error.name}.') for name in missing):
            missing.insert(0, error.name)
        return {'error': 'missing_dependency', 'modules': missing}
    app_class = getattr(module, class_name)
    events = {item['event_type']: item for item in app_class.get_events()}
    emit({'events': {name: item['statuses'] for name, item in events.items()}})
    message = json.loads(sys.stdin.readline() or '{}')
    if 'request' not in message:
        return None
    method = events[job['event_type']]['method']
    handler = getattr(app_class, method)
    is_async = inspect.iscoroutinefunction(handler)
    config = settings_for(app_class, job)
    logger = logging.getLogger(f'{module_name}.{class_name}')
    app = app_class(connect_client(job, is_async), logger, config)
    request = message['request']
    response = await settle(getattr(app, method)(request))
    result = {
        'method': method,
        'async': is_async,
        'status': getattr(response, 'status', None),
        'countdown': getattr(response, 'countdown', None),
        'output': getattr(response, 'output', None),
        'data': jsonable(getattr(response, 'data', None)),
    }
    try:
        storage = importlib.import_module(f"{job['package']}.storage")
    except ImportError:
        storage = None
    if storage is not None and hasattr(storage, 'repository_from_config'):
        document_id = storage.event_id(request)
        try:
            repository = storage.repository_from_config(config)
            document = jsonable(await settle(repository.get_event(document_id)))
            result['stored'] = {'id': document_id, 'document': document}
        except Exception as error:
            result['stored'] = {'id': document_id, 'error': str(error)}
        finally:
            await settle(storage.close_clients())
    if hasattr(app_class, 'on_shutdown'):
        await settle(app_class.on_shutdown(logger, config))
    return result


def main():
    job = json.loads(sys.stdin.readline())
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format='  %(levelname)s %(name)s: %(message)s')
    result = asyncio.run(simulate(job))
    if result is not None:
        emit(result)


main()
`;
