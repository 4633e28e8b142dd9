"""The mail layer: rendering emails from the templates, building messages, and sending them.

`render` (templates → messages), `message` (headers, Message-IDs, alternatives), `transport`
(choosing SMTP or the outbox folder, and the names needed to use either).
"""
