import sys

from agentlevels.cli import main

sys.exit(main())
