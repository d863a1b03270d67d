"""Settings for mypy's Django plugin, which imports them to learn the models.

The real settings, with a placeholder key (type checking serves no request, and
kompas.settings rightly refuses to load without one) and the demo app installed so that
it is checked too. The plugin restores the environment after reading them.
"""

import os

os.environ["SECRET_KEY"] = "type-checking-only"
os.environ["KOMPAS_DEMO"] = "true"

from kompas.settings import *  # noqa: F403
