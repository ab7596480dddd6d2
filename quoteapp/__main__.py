"""`python -m quoteapp`: the same as the `quoteapp` command."""

import sys

from quoteapp.cli import main

sys.exit(main())
