"""The playground: one page served on 127.0.0.1 where an admin types a condition.

``agentlevels playground`` starts it. The page is plain HTML, CSS and JavaScript
shipped in ``static/``; its JSON endpoints (``api``) are a thin layer over
``check``, ``complete``, ``hover``, ``explain`` and evaluation on the embedded
sample team, served by the standard library's HTTP server (``server``).
docs/editor.md documents the endpoints.
"""
