"""Subcommands of `ogi`, discovered by `ogi.cli`: one module each, with `register(subparsers)`
that adds its parser and sets `handler=function(args) -> exit code`."""
