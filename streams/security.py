"""The one place that turns the ``kafka`` settings into TLS and SASL options, for every Kafka client we run.

- :func:`ssl_context`: the client's ``ssl.SSLContext`` (CA file, client certificate, hostname check), or ``None``.
- :func:`client_options`: keyword arguments for kafka-python (``KafkaProducer``, ``KafkaConsumer``,
  ``KafkaAdminClient``) and aiokafka (``AIOKafkaConsumer``, ...), which name them alike.
- :func:`faust_credentials`: ``broker_credentials`` of the Faust app (``faust.SASLCredentials`` or
  ``faust.SSLCredentials``).

Example::

    KafkaProducer(bootstrap_servers=cfg.bootstrap, **client_options(cfg))
"""

from __future__ import annotations

import ssl
from typing import TYPE_CHECKING, Any

from .errors import KafkaSecurityError
from .settings import KafkaSettings

if TYPE_CHECKING:
    import faust

__all__ = ["client_options", "faust_credentials", "ssl_context"]


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
