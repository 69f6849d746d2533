"""The ``ast`` node classes the compiler builds, each instance placed at line 1.

Python's ``compile()`` needs a line and column on every statement and
expression. Setting them after building, with a walk over the whole
generated tree, used to take most of the time of code generation; these
subclasses carry them as class attributes instead, which ``compile()``
reads like any other attribute. Generated code has no source text to point
into, so one position serves every node.
"""

from __future__ import annotations

import ast
from typing import TypeVar

_Node = TypeVar("_Node", bound=ast.AST)

_POSITION = {"lineno": 1, "col_offset": 0, "end_lineno": 1, "end_col_offset": 0}


def _at_line_one(cls: type[_Node]) -> type[_Node]:
    return type(cls.__name__, (cls,), dict(_POSITION))


Name = _at_line_one(ast.Name)
Constant = _at_line_one(ast.Constant)
Compare = _at_line_one(ast.Compare)
BinOp = _at_line_one(ast.BinOp)
BoolOp = _at_line_one(ast.BoolOp)
UnaryOp = _at_line_one(ast.UnaryOp)
IfExp = _at_line_one(ast.IfExp)
Call = _at_line_one(ast.Call)
Subscript = _at_line_one(ast.Subscript)
Assign = _at_line_one(ast.Assign)
Return = _at_line_one(ast.Return)
If = _at_line_one(ast.If)
Try = _at_line_one(ast.Try)
ExceptHandler = _at_line_one(ast.ExceptHandler)
FunctionDef = _at_line_one(ast.FunctionDef)
Pass = _at_line_one(ast.Pass)
arg = _at_line_one(ast.arg)
