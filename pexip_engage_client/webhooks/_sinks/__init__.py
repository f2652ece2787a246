"""The queues `WebhookReceiver.forward` hands events to; each loads its library only when it is used."""

from ._arq import ArqSink
from ._celery import CelerySink
from ._streams import RedisStreamSink

__all__ = ["ArqSink", "CelerySink", "RedisStreamSink"]
