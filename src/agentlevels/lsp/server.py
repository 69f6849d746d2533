"""``agentlevels lsp``: the language server, on pygls and lsprotocol.

pygls and lsprotocol are the optional extra ``agentlevels[lsp]``; this module
imports them, and the command line imports this module only when the server
starts, so that ``import agentlevels.cli`` needs neither. Documents are synchronised whole: the
files are small, and the client's text is then the only source of truth
(no incremental edits applied with another idea of where lines end).
"""

from __future__ import annotations

from importlib import metadata

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from agentlevels.lsp.files import DocumentKind, Located, Problem, document_kind, file_problems
from agentlevels.lsp.files import formulas as find_formulas
from agentlevels.lsp.language import canonical_text, suggestions, tip
from agentlevels.lsp.lines import Encoding, LineIndex
from agentlevels.lsp.session import Session
from agentlevels.lsp.strings import escape_for

__all__ = ["NAME", "build_server", "serve"]

NAME = "agentlevels"
"""The server's name, and the ``source`` of its diagnostics."""

_ENCODINGS: dict[str, Encoding] = {"utf-8": "utf-8", "utf-16": "utf-16", "utf-32": "utf-32"}
_COMPLETION_KINDS = {
    "metric": 6,  # Variable
    "operator": 24,  # Operator
    "keyword": 14,  # Keyword
    "constant": 21,  # Constant
    "symbol": 1,  # Text
}


def _version() -> str:
    try:
        return metadata.version("agentlevels")
    except metadata.PackageNotFoundError:
        return "unknown"


def serve(*, locale: str = "en") -> None:
    """Build the server and speak LSP over stdin and stdout until the client says exit."""
    build_server(locale=locale).start_io()


def build_server(*, locale: str = "en") -> LanguageServer:
    """The server with every feature registered (needs pygls and lsprotocol).

    ``locale`` is the language of messages until the client chooses one.
    """

    server = LanguageServer(
        NAME, _version(), text_document_sync_kind=types.TextDocumentSyncKind.Full
    )
    session = Session(locale)
    _add_synchronisation(server, session)
    _add_language(server, session)
    return server


def _add_synchronisation(server: LanguageServer, session: Session) -> None:

    @server.feature(types.INITIALIZE)
    def initialize(ls: LanguageServer, params: types.InitializeParams) -> None:
        _configure(ls, session, params.initialization_options)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def configure(ls: LanguageServer, params: types.DidChangeConfigurationParams) -> None:
        _configure(ls, session, params.settings)
        for uri in list(ls.workspace.text_documents):
            _publish(ls, session, uri)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: LanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        _publish(ls, session, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: LanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        _publish(ls, session, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: LanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )


def _add_language(server: LanguageServer, session: Session) -> None:

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=["$"])
    )
    def completion(ls: LanguageServer, params: types.CompletionParams) -> types.CompletionList:
        return types.CompletionList(is_incomplete=False, items=_completions(ls, session, params))

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: LanguageServer, params: types.HoverParams) -> types.Hover | None:
        return _hover(ls, session, params)

    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    def formatting(
        ls: LanguageServer, params: types.DocumentFormattingParams
    ) -> list[types.TextEdit]:
        return _formatting(ls, params.text_document.uri)


def _configure(ls: LanguageServer, session: Session, settings: object) -> None:

    problem = session.configure(settings, ls.workspace.root_path)
    if problem is not None:
        message = types.ShowMessageParams(type=types.MessageType.Error, message=problem)
        ls.window_show_message(message)


# --- Between the protocol's positions and the library's offsets ------------------------------


def _encoding(ls: LanguageServer) -> Encoding:
    chosen = ls.workspace.position_encoding
    return _ENCODINGS.get(str(getattr(chosen, "value", chosen)), "utf-16")


def _range(index: LineIndex, encoding: Encoding, start: int, end: int) -> types.Range:

    (start_line, start_character) = index.position(start, encoding)
    (end_line, end_character) = index.position(end, encoding)
    return types.Range(
        start=types.Position(line=start_line, character=start_character),
        end=types.Position(line=end_line, character=end_character),
    )


def _document(ls: LanguageServer, uri: str) -> tuple[TextDocument, DocumentKind | None]:
    document = ls.workspace.get_text_document(uri)
    return document, document_kind(uri, document.language_id)


def _diagnostic(problem: Problem, where: types.Range) -> types.Diagnostic:

    severity = types.DiagnosticSeverity.Error
    if problem.severity == "warning":
        severity = types.DiagnosticSeverity.Warning
    return types.Diagnostic(
        range=where, message=problem.message, severity=severity, code=problem.code, source=NAME
    )


def _publish(ls: LanguageServer, session: Session, uri: str) -> None:

    document, kind = _document(ls, uri)
    diagnostics: list[types.Diagnostic] = []
    if kind is not None:
        text = document.source
        index, encoding = LineIndex(text), _encoding(ls)
        diagnostics = [
            _diagnostic(problem, _range(index, encoding, problem.start, problem.end))
            for problem in file_problems(text, kind, session.checker(), session.catalog)
        ]
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=uri, version=document.version, diagnostics=diagnostics)
    )


def _formula_at(
    ls: LanguageServer, params: types.CompletionParams | types.HoverParams
) -> tuple[LineIndex, Encoding, Located, int] | None:
    """The formula under the cursor, and the cursor's offset in the document."""
    document, kind = _document(ls, params.text_document.uri)
    if kind is None:
        return None
    index, encoding = LineIndex(document.source), _encoding(ls)
    offset = index.offset(params.position.line, params.position.character, encoding)
    for located in find_formulas(document.source, kind):
        found = located.found
        if found.offsets[0] <= offset <= found.offsets[-1]:
            return index, encoding, located, offset
    return None


def _completions(
    ls: LanguageServer, session: Session, params: types.CompletionParams
) -> list[types.CompletionItem]:

    place = _formula_at(ls, params)
    if place is None:
        return []
    index, encoding, located, offset = place
    found, text = located.found, located.found.text or ""
    items: list[types.CompletionItem] = []
    for rank, offer in enumerate(
        suggestions(text, found.text_offset(offset), located.kind, session.locale, session.catalog)
    ):
        insert = escape_for(found.style, offer.insert_text)
        if insert is None:
            continue  # cannot be written inside this kind of string
        where = _range(
            index, encoding, found.file_offset(offer.start), found.file_offset(offer.end)
        )
        items.append(
            types.CompletionItem(
                label=offer.label,
                kind=types.CompletionItemKind(_COMPLETION_KINDS.get(offer.kind, 1)),
                detail=offer.detail or None,
                documentation=offer.documentation or None,
                sort_text=f"{rank:05d}",
                filter_text=offer.insert_text,
                text_edit=types.TextEdit(range=where, new_text=insert),
            )
        )
    return items


def _hover(ls: LanguageServer, session: Session, params: types.HoverParams) -> types.Hover | None:

    place = _formula_at(ls, params)
    if place is None:
        return None
    index, encoding, located, offset = place
    found = located.found
    shown = tip(
        found.text or "", found.text_offset(offset), located.kind, session.locale, session.catalog
    )
    if shown is None:
        return None
    value = types.MarkupContent(
        kind=types.MarkupKind.PlainText, value=shown.title + "\n\n" + "\n".join(shown.contents)
    )
    where = _range(index, encoding, found.file_offset(shown.start), found.file_offset(shown.end))
    return types.Hover(contents=value, range=where)


def _formatting(ls: LanguageServer, uri: str) -> list[types.TextEdit]:
    """A formula file's canonical text (``agentlevels format``); nothing for a formula with
    errors, or for a scheme or badge file, whose strings keep the author's layout."""

    document, kind = _document(ls, uri)
    text = document.source
    canonical = canonical_text(text) if kind == "formula" else None
    if canonical is None or canonical == text:
        return []
    index, encoding = LineIndex(text), _encoding(ls)
    return [types.TextEdit(range=_range(index, encoding, 0, len(text)), new_text=canonical)]
