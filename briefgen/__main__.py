"""`python -m briefgen`: the same as the `briefgen` command."""

import sys

from briefgen import interrupts
from briefgen.errors import Interrupted

# SIGINT/SIGTERM while the CLI's modules load (~0.2 s): one line and 130/143 as later on.
# `main` installs the handlers again for the command itself.
with interrupts.handling():
    try:
        from briefgen.cli import main
    except Interrupted as stop:
        interrupts.exit_now(stop.signum)
    except KeyboardInterrupt:  # before the handler was installed
        sys.exit(130)

# Guarded: worker processes of a batch may re-import the main module.
if __name__ == "__main__":
    main()
