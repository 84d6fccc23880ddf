"""The packaged app's entry point (packaging/exchange-designer.spec): with no arguments or a FILE
it opens the designer, with a command (render, matrix, check, ...) it runs the command line."""
import sys

from designer.cli import main

if __name__ == "__main__":
    sys.exit(main())
