"""`python -m briefgen`: the same as the `briefgen` command."""

import sys

try:
    from briefgen.cli import main
except KeyboardInterrupt:  # Ctrl-C while starting up: no traceback
    sys.exit(130)

# Guarded: worker processes of a batch may re-import the main module.
if __name__ == "__main__":
    main()
