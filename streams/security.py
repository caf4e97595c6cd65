"""The one place that turns the ``kafka`` settings into TLS and SASL options, for every Kafka client we run.

- :func:`ssl_context`: the client's ``ssl.SSLContext`` (CA file, client certificate, hostname check), or ``None``.
- :func:`client_options`: keyword arguments for kafka-python (``KafkaProducer``, ``KafkaConsumer``,
  ``KafkaAdminClient``) and aiokafka (``AIOKafkaConsumer``, ...), which name them alike.
- :func:`faust_credentials`: ``broker_credentials`` of the Faust app (``faust.SASLCredentials`` or
  ``faust.SSLCredentials``).
- :func:`check_access`: one connection to a broker that fails fast, naming the setting to fix, when the broker
  refuses the password or its certificate is not trusted (the clients themselves only retry until a timeout).

Example::

    KafkaProducer(bootstrap_servers=cfg.bootstrap, **client_options(cfg))
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from typing import TYPE_CHECKING, Any

from .errors import KafkaSecurityError
from .settings import KafkaSettings

if TYPE_CHECKING:
    import faust

log = logging.getLogger(__name__)

__all__ = ["check_access", "client_options", "faust_credentials", "ssl_context"]


def ssl_context(cfg: KafkaSettings) -> ssl.SSLContext | None:
    """The TLS context of ``cfg`` (``None`` for PLAINTEXT and SASL_PLAINTEXT).

    Raises :class:`KafkaSecurityError` when a CA, certificate or key file cannot be read.
    """
    if cfg.security_protocol not in ("SSL", "SASL_SSL"):
        return None
    try:
        context = ssl.create_default_context(cafile=str(cfg.ca_file) if cfg.ca_file else None)
    except (OSError, ssl.SSLError) as exc:
        raise KafkaSecurityError(
            f"cannot read the Kafka CA file {cfg.ca_file} ({exc.strerror or exc}); fix CONTRAFLOW_KAFKA__CA_FILE"
        ) from None
    context.check_hostname = cfg.check_hostname
    if cfg.cert_file is not None:
        try:
            context.load_cert_chain(str(cfg.cert_file), str(cfg.key_file) if cfg.key_file else None)
        except (OSError, ssl.SSLError) as exc:
            raise KafkaSecurityError(
                f"cannot load the Kafka client certificate {cfg.cert_file} / key {cfg.key_file} "
                f"({exc.strerror or exc}); fix CONTRAFLOW_KAFKA__CERT_FILE and CONTRAFLOW_KAFKA__KEY_FILE"
            ) from None
    return context


def client_options(cfg: KafkaSettings) -> dict[str, Any]:
    """``security_protocol``, ``ssl_context`` and the SASL options for kafka-python and aiokafka clients."""
    options: dict[str, Any] = {"security_protocol": cfg.security_protocol}
    context = ssl_context(cfg)
    if context is not None:
        options["ssl_context"] = context
    if cfg.security_protocol.startswith("SASL_"):
        assert cfg.username is not None and cfg.password is not None  # KafkaSettings checks it
        options["sasl_mechanism"] = cfg.sasl_mechanism
        options["sasl_plain_username"] = cfg.username
        options["sasl_plain_password"] = cfg.password.get_secret_value()
    return options


def faust_credentials(cfg: KafkaSettings) -> faust.types.auth.CredentialsT | None:
    """The Faust app's ``broker_credentials`` (``None`` for PLAINTEXT)."""
    import faust

    context = ssl_context(cfg)
    if cfg.security_protocol.startswith("SASL_"):
        assert cfg.username is not None and cfg.password is not None  # KafkaSettings checks it
        # With an SSL context Faust speaks SASL_SSL, without one SASL_PLAINTEXT.
        return faust.SASLCredentials(
            username=cfg.username,
            password=cfg.password.get_secret_value(),
            ssl_context=context,
            mechanism=cfg.sasl_mechanism,
        )
    if context is not None:
        return faust.SSLCredentials(context)
    return None


def check_access(cfg: KafkaSettings, timeout_s: float = 10.0) -> None:
    """Connect once to the first bootstrap server with ``cfg``'s TLS and SASL; raise :class:`KafkaSecurityError`
    naming the setting to fix when the broker refuses the credentials or the TLS handshake fails.

    A broker that does not answer is not an error here (the caller's client waits for it as usual). PLAINTEXT has
    nothing to check and returns at once.
    """
    if cfg.security_protocol == "PLAINTEXT":
        return
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        pass
    else:  # inside an event loop (a worker): its own client reports the failure
        return
    asyncio.run(_check(cfg, timeout_s))


async def _check(cfg: KafkaSettings, timeout_s: float) -> None:
    from aiokafka.conn import create_conn
    from aiokafka.errors import KafkaError, SaslAuthenticationFailed

    first = cfg.bootstrap.split(",")[0].strip()
    host, _, port = first.rpartition(":")
    where = f"Kafka at {first}"
    try:
        conn = await asyncio.wait_for(create_conn(host.strip("[]"), int(port), **client_options(cfg)), timeout_s)
    except SaslAuthenticationFailed:
        raise KafkaSecurityError(
            f"{where} refused the {cfg.sasl_mechanism} credentials of user {cfg.username!r}: check "
            "CONTRAFLOW_KAFKA__USERNAME and CONTRAFLOW_KAFKA__PASSWORD (and CONTRAFLOW_KAFKA__SASL_MECHANISM)"
        ) from None
    except ssl.SSLCertVerificationError as exc:
        if "mismatch" in str(exc.verify_message) or "match" in str(exc.verify_message):
            raise KafkaSecurityError(
                f"{where}: the broker's certificate does not name {host!r} ({exc.verify_message}): connect by a "
                "name it holds in CONTRAFLOW_KAFKA__BOOTSTRAP"
            ) from None
        raise KafkaSecurityError(
            f"{where}: the broker's TLS certificate is not trusted ({exc.verify_message}): set "
            "CONTRAFLOW_KAFKA__CA_FILE to the CA that signed it"
        ) from None
    except ssl.SSLError as exc:
        raise KafkaSecurityError(
            f"{where}: the TLS handshake failed ({exc.reason}): is CONTRAFLOW_KAFKA__SECURITY_PROTOCOL "
            f"({cfg.security_protocol}) what this listener speaks?"
        ) from None
    except (TimeoutError, KafkaError, OSError, ValueError) as exc:
        log.info("kafka_check_skipped bootstrap=%s error=%s", first, type(exc).__name__)
        return
    conn.close()
