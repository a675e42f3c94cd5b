"""A lower bound of what `ccli project extension bootstrap` and `ccli project extension validate`
cost, for the bench: connect-cli and connect-eaas-core cannot be installed here. It imports what
ccli imports at every start and can be installed here (ccli loads all its plugins at start: click,
rich for its console, openpyxl for the product plugin, requests and httpx under
connect-openapi-client, prompt_toolkit under interrogatio's wizard, jinja2 for its templates,
PyYAML and toml), then for validate what the validators bring in with the project's modules
(fastapi, pydantic and pkg_resources, under connect.eaas.core.extension), and does the file work:
bootstrap renders and writes the files of a project, validate parses the project's Python, TOML,
YAML and JSON. Everything else the real commands do is left out: ccli's own modules and the rest
of its plugins' dependencies, its Connect API and PyPI requests, the wizard, git init, importing
and inspecting the project's classes. So the real commands take longer than this.

usage: python ccli_lower_bound.py bootstrap SOURCE_PROJECT TARGET_FOLDER
       python ccli_lower_bound.py validate PROJECT
"""
import ast
import json
import os
import sys


def files_of(folder):
    for parent, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(parent, name)
            yield os.path.relpath(path, folder), path


def ccli_start():
    import click  # noqa: F401
    import httpx  # noqa: F401
    import jinja2  # noqa: F401
    import openpyxl  # noqa: F401
    import prompt_toolkit  # noqa: F401
    import requests  # noqa: F401
    import rich.console  # noqa: F401
    import rich.live  # noqa: F401
    import rich.markdown  # noqa: F401
    import rich.progress  # noqa: F401
    import rich.table  # noqa: F401
    import toml  # noqa: F401
    import yaml  # noqa: F401


def bootstrap(source, target):
    import jinja2

    ccli_start()
    environment = jinja2.Environment(keep_trailing_newline=True)
    for relative, path in files_of(source):
        with open(path, encoding='utf-8') as file:
            template = environment.from_string('{% raw %}' + file.read() + '{% endraw %}')
        output = os.path.join(target, relative)
        os.makedirs(os.path.dirname(output), exist_ok=True)
        with open(output, 'w', encoding='utf-8') as file:
            file.write(template.render(project_slug='bench'))


def validate(project):
    import fastapi  # noqa: F401
    import pkg_resources  # noqa: F401
    import pydantic  # noqa: F401
    import toml
    import yaml

    ccli_start()
    for relative, path in files_of(project):
        with open(path, encoding='utf-8') as file:
            text = file.read()
        if relative.endswith('.py'):
            ast.parse(text, relative)
        elif relative.endswith('.toml'):
            toml.loads(text)
        elif relative.endswith(('.yml', '.yaml')):
            yaml.safe_load(text)
        elif relative.endswith('.json'):
            json.loads(text)


if __name__ == '__main__':
    if sys.argv[1] == 'bootstrap':
        bootstrap(sys.argv[2], sys.argv[3])
    else:
        validate(sys.argv[2])
