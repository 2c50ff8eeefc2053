from django import template

from bitesize.debriefs.ledger import topic_label as _topic_label

register = template.Library()


@register.filter
def topic_label(key: str) -> str:
    return _topic_label(key)
