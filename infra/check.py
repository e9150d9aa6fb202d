"""Offline checks of infra/, run by `make infra-check` with .venv-infra/bin/python.

Bicep itself (the az CLI) is not available offline, so this does what can be done
without it: every .bicep file must parse with pycep-parser, main.bicep must pass each
module exactly the parameters it declares, the parameter files must fit main.bicep,
every checkov suppression must carry a reason, and checkov must pass with no network.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from pycep import BicepParser

INFRA = Path(__file__).resolve().parent
SKIP_COMMENT = re.compile(r"checkov:skip=([A-Z0-9_]+)(:?)(.*)")
# Variables that would make checkov call the Prisma Cloud / Bridgecrew platform.
PLATFORM_VARIABLES = ("BC_API_KEY", "PRISMA_API_URL", "BC_API_URL")


class InfraError(Exception):
    """A problem a reviewer must fix; the message names the file."""


def parse_all(root: Path) -> dict[Path, dict[str, Any]]:
    """Parse every .bicep file under root; a parse error names the file and line."""
    parser = BicepParser()
    parsed: dict[Path, dict[str, Any]] = {}
    files = sorted(root.rglob("*.bicep"))
    if not files:
        raise InfraError(f"{root}: no .bicep files found")
    for path in files:
        try:
            parsed[path] = parser.parse(file_path=path)
        except Exception as exc:  # lark raises several unrelated types
            first_lines = "\n    ".join(str(exc).strip().splitlines()[:6])
            raise InfraError(f"{path}: cannot be parsed as Bicep:\n    {first_lines}") from None
    return parsed


def _required(parameter: dict[str, Any]) -> bool:
    return parameter.get("default") is None


def _decorator(parameter: dict[str, Any], kind: str) -> Any:
    for decorator in parameter.get("decorators") or []:
        if decorator.get("type") == kind:
            return decorator.get("argument")
    return None


def check_modules(main: Path, parsed: dict[Path, dict[str, Any]]) -> list[str]:
    """Each module call passes only declared parameters and every required one."""
    errors: list[str] = []
    for name, module in (parsed[main].get("modules") or {}).items():
        target = (main.parent / module["detail"]["path"]).resolve()
        if target not in parsed:
            errors.append(f"{main.name}: module {name!r} points at missing file {target}")
            continue
        declared = parsed[target].get("parameters") or {}
        passed = set((module["config"].get("params") or {}).keys())
        for unknown in sorted(passed - declared.keys()):
            errors.append(f"{main.name}: module {name!r} passes unknown parameter {unknown!r}")
        for missing in sorted(p for p, d in declared.items() if _required(d) and p not in passed):
            errors.append(f"{main.name}: module {name!r} misses required parameter {missing!r}")
    return errors


def check_parameter_file(path: Path, parameters: dict[str, dict[str, Any]]) -> list[str]:
    """A parameter file sets only known parameters, all required ones, within their bounds."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        values = {k: v["value"] for k, v in document["parameters"].items()}
    except (ValueError, KeyError, TypeError) as exc:
        return [f"{path.name}: not a deployment parameters file ({exc})"]
    unknown = sorted(values.keys() - parameters.keys())
    errors = [f"{path.name}: unknown parameter {name!r}" for name in unknown]
    for name, parameter in parameters.items():
        if name not in values:
            if _required(parameter):
                errors.append(f"{path.name}: required parameter {name!r} is not set")
            continue
        value = values[name]
        allowed = _decorator(parameter, "allowed")
        if allowed is not None and value not in allowed:
            errors.append(f"{path.name}: {name}={value!r} is not one of {allowed}")
        low, high = _decorator(parameter, "min_value"), _decorator(parameter, "max_value")
        if isinstance(value, int) and (
            (low is not None and value < low) or (high is not None and value > high)
        ):
            errors.append(f"{path.name}: {name}={value} is outside {low}..{high}")
        kind = parameter.get("type")
        if (kind == "int" and not isinstance(value, int)) or (
            kind == "string" and not isinstance(value, str)
        ):
            errors.append(f"{path.name}: {name} must be a {kind}, got {value!r}")
    return errors


def check_suppressions(root: Path) -> list[str]:
    """A suppressed checkov check without a reason is a finding nobody answered."""
    errors: list[str] = []
    for path in sorted(root.rglob("*.bicep")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = SKIP_COMMENT.search(line)
            if match and (not match.group(2) or not match.group(3).strip()):
                errors.append(f"{path}:{number}: checkov:skip={match.group(1)} needs ': reason'")
            if match and not line.lstrip().startswith("//"):
                errors.append(f"{path}:{number}: write suppressions as Bicep comments (//)")
    return errors


def app_settings(main_json: dict[str, Any]) -> dict[str, Any]:
    """The bot's environment as main.bicep sets it (literals, or pycep's expression trees)."""
    for module in (main_json.get("modules") or {}).values():
        settings = (module["config"].get("params") or {}).get("appSettings")
        if isinstance(settings, dict):
            return settings
    raise InfraError("main.bicep: no module receives appSettings")


def site_config(parsed: dict[Path, dict[str, Any]]) -> dict[str, Any]:
    """The web app's siteConfig, for checks that the host matches how the bot starts."""
    for document in parsed.values():
        for resource in (document.get("resources") or {}).values():
            if resource.get("type") == "Microsoft.Web/sites":
                config: dict[str, Any] = resource["config"]["properties"]["siteConfig"]
                return {k: v for k, v in config.items() if k != "appSettings"}
    raise InfraError("no Microsoft.Web/sites resource found")


def run_checkov(root: Path) -> int:
    """checkov over the Bicep files only, with everything that could reach the network off."""
    env = {k: v for k, v in os.environ.items() if k not in PLATFORM_VARIABLES}
    env.update(
        CKV_SKIP_PACKAGE_UPDATE_CHECK="true",  # no PyPI version lookup
        BC_SKIP_MAPPING="TRUE",  # no policy metadata download
    )
    checkov = Path(sys.executable).parent / "checkov"
    command = [str(checkov), "-d", str(root), "--framework", "bicep", "--compact", "--quiet"]
    command += ["--skip-download"]
    print("infra-check: " + " ".join(command[1:]), flush=True)
    return subprocess.run(command, env=env, check=False, timeout=600).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=INFRA, help="the infra folder")
    parser.add_argument("--no-checkov", action="store_true", help="parse and cross-check only")
    parser.add_argument(
        "--dump",
        action="store_true",
        help="print main.bicep's app settings, site config and parameter defaults as JSON",
    )
    args = parser.parse_args(argv)
    root: Path = args.root.resolve()
    main_file = root / "main.bicep"
    try:
        parsed = parse_all(root)
        if main_file not in parsed:
            raise InfraError(f"{main_file}: missing")
        if args.dump:
            dump = {
                "appSettings": app_settings(parsed[main_file]),
                "site": site_config(parsed),
                "variables": {
                    name: variable.get("value")
                    for name, variable in (parsed[main_file].get("variables") or {}).items()
                },
                "defaults": {
                    name: parameter.get("default")
                    for name, parameter in (parsed[main_file].get("parameters") or {}).items()
                },
            }
            print(json.dumps(dump, default=str))
            return 0
        parameters = parsed[main_file].get("parameters") or {}
        errors = check_modules(main_file, parsed) + check_suppressions(root)
        parameter_files = sorted(root.glob("main.*.parameters.json"))
        if not parameter_files:
            errors.append(f"{root}: no main.<env>.parameters.json files")
        for path in parameter_files:
            errors += check_parameter_file(path, parameters)
    except InfraError as exc:
        print(f"infra-check: FAILED\n{exc}", file=sys.stderr)
        return 1
    if errors:
        print("infra-check: FAILED\n" + "\n".join(errors), file=sys.stderr)
        return 1
    names = ", ".join(p.name for p in parameter_files)
    print(f"infra-check: {len(parsed)} Bicep files parsed; {names} fit main.bicep", flush=True)
    if args.no_checkov:
        return 0
    code = run_checkov(root)
    if code != 0:
        print("infra-check: checkov FAILED: fix it, or suppress it in the Bicep with a reason")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
