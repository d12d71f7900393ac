"""``python -m storyline``: the command line, as the ``storyline`` script runs it."""

from storyline.cli.app import main

main()
