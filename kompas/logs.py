"""How log lines look: one line per event, with time, level and logger."""

import logging


class ClientErrorsWithoutTraceback(logging.Filter):
    """Drop the traceback from Django's log line for a 4xx answer.

    Django logs a refused request (403, 404) with the exception that caused it; the
    traceback of a PermissionDenied says nothing an operator needs and buries real errors.
    A 5xx keeps its traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
