"""The language server behind ``agentlevels lsp`` (the optional extra ``agentlevels[lsp]``).

Formula documents (``.formula``) and the conditions and metrics inside
level-scheme and badge-set files (TOML and JSON) get diagnostics, completion
and hover. Everything but :mod:`agentlevels.lsp.server` works on plain text
and offsets and needs no third-party package; the server imports pygls and
lsprotocol only when it starts.
"""
