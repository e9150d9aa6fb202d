"""Command line: `python -m manifest [--out PATH] [--env-file PATH]`.

Paths are relative to the current directory, like the bot's own `.env` and
`var/`, so `make manifest` in the repository root writes build/appPackage.zip.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from manifest.package import (
    DEFAULT_OUT,
    SCHEMA_VERSION,
    ManifestError,
    PackageInputs,
    build_package,
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m manifest",
        description=(
            "Fill in manifest/manifest.template.json from MicrosoftAppId and BOT_DOMAIN "
            "(environment first, then the env file), validate it against the Teams schema "
            f"v{SCHEMA_VERSION} and write the app package."
        ),
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help=f"zip file to write, relative to the current directory (default: {DEFAULT_OUT})",
    )
    parser.add_argument(
        "--env-file",
        type=Path,
        default=Path(".env"),
        help="KEY=VALUE file read after the environment (default: .env; may be absent)",
    )
    args = parser.parse_args(argv)
    try:
        inputs = PackageInputs.from_env(env_file=args.env_file)
        for warning in inputs.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        path = build_package(inputs, args.out)
    except ManifestError as error:
        print("Teams app package not written:", file=sys.stderr)
        for problem in error.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    print(f"Wrote {path}")
    print(f"Teams app id: {inputs.app_id}")
    print(f"Bot domain:   {inputs.domain}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
