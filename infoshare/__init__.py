"""infoshare: may agency X share information item Y about a person with recipient Z for purpose P?"""

import os

# pydantic scans every installed package's entry points for plugins at import, about 30 ms of each
# start-up; infoshare uses no pydantic plugins, so a check skips the scan.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

__version__ = "0.1.0"
