"""Test double of connect.eaas.core.enums (the values the runner reports)."""


class ResultType:
    SUCCESS = 'success'
    RESCHEDULE = 'reschedule'
    SKIP = 'skip'
    RETRY = 'retry'
    FAIL = 'fail'
    DELETE = 'delete'


class TaskCategory:
    BACKGROUND = 'background'
    INTERACTIVE = 'interactive'
    SCHEDULED = 'scheduled'
    TRANSFORMATION = 'transformation'
