"""Build the Teams app package (build/appPackage.zip) for the procurement assistant.

The manifest is a template with the bot's app id and public domain filled in
at build time, so one checked-in file serves every environment; the package is
validated offline against Microsoft's published schema before it is written,
because Teams only reports a broken package at upload. Run `make manifest` or
`python -m manifest --help`.
"""
