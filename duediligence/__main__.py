"""`python -m duediligence` runs the same CLI as the console script."""

from duediligence.cli.app import main

main()
