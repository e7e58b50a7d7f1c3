import sys

from gkdesk.cli import main

sys.exit(main())
