import sys

from storytrace.cli import main

sys.exit(main())
