"""One module per `whiteboard` sub-command (see whiteboard/cli.py for the protocol)."""
