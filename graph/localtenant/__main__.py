"""`python -m graph.localtenant --data DIR --port PORT`: serve the local tenant."""

from __future__ import annotations

import argparse
import ipaddress
import json
import logging
import sys
from pathlib import Path

from aiohttp import web

from graph.localtenant.server import DEFAULT_TOKEN, create_tenant_app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graph.localtenant", description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="the tenant's data folder")
    parser.add_argument("--port", type=int, default=5050)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--token", default=DEFAULT_TOKEN, help="the bearer token to accept")
    parser.add_argument(
        "--faults",
        type=Path,
        help="JSON list of fault rules to start with, e.g. "
        '[{"path": "/items$", "status": 429, "retryAfter": 2, "times": 3}]',
    )
    parser.add_argument(
        "--browse",
        action="store_true",
        help="links point at read-only pages of this server (/_web/…), for make run",
    )
    args = parser.parse_args(argv)
    if args.host != "localhost" and not ipaddress.ip_address(args.host).is_loopback:
        print("the local tenant is a development tool and only binds loopback", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        faults = json.loads(args.faults.read_text(encoding="utf-8")) if args.faults else []
        app = create_tenant_app(args.data, args.token, faults, browse=args.browse)
    except (FileNotFoundError, ValueError) as exc:
        print(f"cannot start the local tenant: {exc}", file=sys.stderr)
        return 2
    print(f"local tenant on http://{args.host}:{args.port}/v1.0 (data {args.data})", flush=True)
    web.run_app(app, host=args.host, port=args.port, print=None, access_log=None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
