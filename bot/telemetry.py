"""Logs and traces to Application Insights, switched on only by a connection string.

Export runs on the OpenTelemetry batch processors' own threads: a slow or unreachable
ingestion endpoint delays no turn, and a batch that cannot be sent waits in the exporter's
local retry folder (under the temp directory) instead of raising into the bot.

No instrumentation package for aiohttp fits beside the pinned OpenTelemetry release, so
`request_spans` makes one server span per HTTP request itself (Application Insights shows it
as a request), and the reminder loop makes one span per tick. Graph calls made through
kiota and Semantic Kernel function calls add their own spans under these.
"""

from __future__ import annotations

import logging
import os
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from opentelemetry import propagate, trace
from opentelemetry._logs import Logger as OtelLogger
from opentelemetry._logs import SeverityNumber
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.trace import SpanKind, Status, StatusCode

from bot.settings import Settings

log = logging.getLogger(__name__)

TRACER = trace.get_tracer("anskaffelsesassistenten")

# The exporter's own HTTP calls log here, quietly, so exporting never logs about itself.
EXPORTER_HTTP_LOGGER = "bot.telemetry.exporter_http"
# Records from these loggers stay on stdout only: exporting them would feed back into the
# exporter (its own warnings) or ship every Azure SDK request line as a billed log record.
NOT_EXPORTED = (
    "semantic_kernel",
    "azure.monitor.opentelemetry",
    "azure.core.pipeline.policies.http_logging_policy",
    "opentelemetry",
    EXPORTER_HTTP_LOGGER,
)
# Off unless the operator opts in: telemetry goes to the office's own resource only, not to
# Microsoft's SDK statistics, and no remote feature switch changes the exporter at run time.
EXPORTER_DEFAULTS = {
    "APPLICATIONINSIGHTS_STATSBEAT_DISABLED_ALL": "true",
    "APPLICATIONINSIGHTS_SDKSTATS_DISABLED": "true",
    "APPLICATIONINSIGHTS_CONTROLPLANE_DISABLED": "true",
}


@dataclass(frozen=True)
class Telemetry:
    """What `configure_telemetry` switched on, so it can be flushed and undone."""

    tracer_provider: TracerProvider
    logger_provider: LoggerProvider
    handler: logging.Handler

    def shutdown(self) -> None:
        """Flush what is batched (bounded by the exporter's timeouts) and detach the handler."""
        logging.getLogger().removeHandler(self.handler)
        self.tracer_provider.shutdown()
        self.logger_provider.shutdown()


class ExportHandler(logging.Handler):
    """Python logging records as OpenTelemetry log records, inside the current span.

    Only the message, the logger name, the code location and an exception's type, message
    and stack go out: `extra` fields are not copied, so nothing rides along unseen.
    """

    def __init__(self, logger_provider: LoggerProvider, level: int | str) -> None:
        super().__init__(level)
        self._provider = logger_provider
        self._loggers: dict[str, OtelLogger] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.name.startswith(NOT_EXPORTED) and bool(super().filter(record))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            otel_logger = self._loggers.get(record.name)
            if otel_logger is None:
                otel_logger = self._provider.get_logger(record.name)
                self._loggers[record.name] = otel_logger
            attributes: dict[str, Any] = {
                "code.file.path": record.pathname,
                "code.function.name": record.funcName,
                "code.line.number": record.lineno,
                "logger.name": record.name,
            }
            if record.exc_info and record.exc_info[1] is not None:
                error = record.exc_info[1]
                attributes["exception.type"] = type(error).__name__
                attributes["exception.message"] = str(error)
                attributes["exception.stacktrace"] = "".join(
                    traceback.format_exception(*record.exc_info)
                )
            otel_logger.emit(
                timestamp=int(record.created * 1e9),
                severity_number=_severity(record.levelno),
                severity_text=record.levelname,
                body=record.getMessage(),
                attributes=attributes,
            )
        except Exception:
            self.handleError(record)


def _severity(level: int) -> SeverityNumber:
    if level >= logging.CRITICAL:
        return SeverityNumber.FATAL
    if level >= logging.ERROR:
        return SeverityNumber.ERROR
    if level >= logging.WARNING:
        return SeverityNumber.WARN
    if level >= logging.INFO:
        return SeverityNumber.INFO
    return SeverityNumber.DEBUG


def _credential(settings: Settings) -> Any:
    """The managed identity when the authentication string asks for Entra ID, else none."""
    if not settings.telemetry.entra_auth:
        return None
    from azure.identity import ManagedIdentityCredential

    client_id = settings.telemetry.client_id
    return (
        ManagedIdentityCredential(client_id=client_id) if client_id else ManagedIdentityCredential()
    )


def configure_telemetry(settings: Settings) -> Telemetry | None:
    """Send logs and traces to Application Insights; None (and nothing touched) when off."""
    if not settings.telemetry.connection_string:
        return None
    from azure.core.pipeline.policies import HttpLoggingPolicy
    from azure.monitor.opentelemetry.exporter import (
        AzureMonitorLogExporter,
        AzureMonitorTraceExporter,
    )
    from opentelemetry._logs import set_logger_provider
    from opentelemetry.sdk._logs.export import BatchLogRecordProcessor
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    for name, value in EXPORTER_DEFAULTS.items():
        os.environ.setdefault(name, value)
    logging.getLogger(EXPORTER_HTTP_LOGGER).setLevel(logging.WARNING)
    options: dict[str, Any] = {
        "connection_string": settings.telemetry.connection_string,
        # Passed even when None, so the exporter never reads credentials on its own.
        "credential": _credential(settings),
        "http_logging_policy": HttpLoggingPolicy(logger=logging.getLogger(EXPORTER_HTTP_LOGGER)),
    }
    resource = Resource.create({"service.name": settings.telemetry.service_name})

    tracer_provider = TracerProvider(resource=resource, shutdown_on_exit=False)
    tracer_provider.add_span_processor(BatchSpanProcessor(AzureMonitorTraceExporter(**options)))
    trace.set_tracer_provider(tracer_provider)

    logger_provider = LoggerProvider(resource=resource, shutdown_on_exit=False)
    logger_provider.add_log_record_processor(
        BatchLogRecordProcessor(AzureMonitorLogExporter(**options))
    )
    set_logger_provider(logger_provider)
    handler = ExportHandler(logger_provider, settings.bot.log_level)
    logging.getLogger().addHandler(handler)

    log.info(
        "telemetry to Application Insights on: service=%s entra_id=%s",
        settings.telemetry.service_name,
        "yes" if settings.telemetry.entra_auth else "no",
    )
    return Telemetry(tracer_provider, logger_provider, handler)


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def request_spans(request: web.Request, handler: Handler) -> web.StreamResponse:
    """One server span per request, continuing the caller's W3C trace when it sends one.

    Only the method, route, path and status are recorded, never the body or the query.
    Without a configured provider the OpenTelemetry API makes this a no-op.
    """
    resource = request.match_info.route.resource
    route = resource.canonical if resource is not None else ""
    name = f"{request.method} {route}" if route else request.method
    attributes: dict[str, Any] = {
        "http.request.method": request.method,
        "url.scheme": request.scheme,
        "url.path": request.path,
        "server.address": request.host,
    }
    if route:
        attributes["http.route"] = route
    with TRACER.start_as_current_span(
        name,
        context=propagate.extract(request.headers),
        kind=SpanKind.SERVER,
        attributes=attributes,
    ) as span:
        try:
            response = await handler(request)
        except web.HTTPException as exc:
            _finish(span, exc.status)
            raise
        _finish(span, response.status)
        return response


def _finish(span: trace.Span, status: int) -> None:
    span.set_attribute("http.response.status_code", status)
    if status >= 500:
        span.set_status(Status(StatusCode.ERROR))
