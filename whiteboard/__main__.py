from whiteboard.cli import entry

entry()
