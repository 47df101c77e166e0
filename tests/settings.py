"""Settings for the test suite: the app's own settings in testing mode, data in a temp dir."""

import os
import tempfile

os.environ.setdefault("UPSTANDER_TESTING", "1")
os.environ.setdefault("UPSTANDER_DATA_DIR", tempfile.mkdtemp(prefix="upstander-test-"))

from upstander.settings import *  # noqa: F403
