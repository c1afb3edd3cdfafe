"""Recursive-descent parser of the risk-rule language (never ``eval``).

Grammar (keywords in lower case, ``FIELD`` a dotted name such as ``origin.country``)::

    rule      := or END
    or        := and ("or" and)*
    and       := unary ("and" unary)*
    unary     := "not" unary | "(" or ")" | condition
    condition := FIELD ( ("=="|"!="|"<"|"<="|">"|">=") literal
                       | "between" literal "and" literal
                       | ["not"] "in" "[" literal ("," literal)* [","] "]"
                       | "contains" literal
                       | "is" ["not"] "missing" )?          -- alone: a yes/no field
    literal   := STRING | INT | DATE (YYYY-MM-DD) | "true" | "false"

``parse_rule`` raises ``InvalidInput`` whose one field error (``source``) starts with the
column at fault: ``column 17: expected a value after '=='``.
"""

from __future__ import annotations

from datetime import date

from ictd.border.rules.lexer import Token, rule_error, tokenize_rule
from ictd.border.rules.syntax import (
    And,
    Between,
    Compare,
    Contains,
    Flag,
    InList,
    Literal,
    Missing,
    Node,
    Not,
    Or,
)

__all__ = ["MAX_DEPTH", "parse_rule"]

MAX_DEPTH = 50  # nesting of parentheses and ``not``


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens = tokenize_rule(source)
        self.pos = 0
        self.depth = 0

    @property
    def token(self) -> Token:
        return self.tokens[self.pos]

    def take(self) -> Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def at(self, kind: str, text: str | None = None) -> bool:
        token = self.token
        return token.kind == kind and (text is None or token.text == text)

    def expect(self, kind: str, text: str, what: str) -> Token:
        if not self.at(kind, text):
            raise rule_error(self.token.column, f"expected {what}, found {_shown(self.token)}")
        return self.take()

    def rule(self) -> Node:
        if self.at("end"):
            raise rule_error(1, "the rule is empty")
        node = self.or_()
        if not self.at("end"):
            raise rule_error(self.token.column, f"expected and/or, found {_shown(self.token)}")
        return node

    def or_(self) -> Node:
        items = [self.and_()]
        while self.at("keyword", "or"):
            self.take()
            items.append(self.and_())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_(self) -> Node:
        items = [self.unary()]
        while self.at("keyword", "and"):
            self.take()
            items.append(self.unary())
        return items[0] if len(items) == 1 else And(tuple(items))

    def unary(self) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise rule_error(self.token.column, f"nested more than {MAX_DEPTH} deep")
        try:
            if self.at("keyword", "not"):
                self.take()
                return Not(self.unary())
            if self.at("punct", "("):
                self.take()
                node = self.or_()
                self.expect("punct", ")", "')'")
                return node
            return self.condition()
        finally:
            self.depth -= 1

    def condition(self) -> Node:
        token = self.token
        if token.kind != "name":
            raise rule_error(token.column, f"expected a field name, found {_shown(token)}")
        self.take()
        name, column = token.text, token.column
        nxt = self.token
        if nxt.kind == "op":
            self.take()
            return Compare(name, nxt.text, self.literal(f"a value after {nxt.text!r}"), column)
        if nxt.kind != "keyword":
            return Flag(name, column)
        if nxt.text == "between":
            self.take()
            low = self.literal("a value after 'between'")
            self.expect("keyword", "and", "'and' between the two values")
            return Between(name, low, self.literal("a value after 'and'"), column)
        if nxt.text in ("in", "not") and (nxt.text == "in" or self._next_is_in()):
            negated = nxt.text == "not"
            self.pos += 2 if negated else 1
            return InList(name, self.values(), negated, column)
        if nxt.text == "contains":
            self.take()
            return Contains(name, self.literal("a value after 'contains'"), column)
        if nxt.text == "is":
            self.take()
            negated = self.at("keyword", "not")
            if negated:
                self.take()
            self.expect("keyword", "missing", "'missing' after 'is'")
            return Missing(name, negated, column)
        return Flag(name, column)

    def _next_is_in(self) -> bool:
        following = self.tokens[self.pos + 1]
        return following.kind == "keyword" and following.text == "in"

    def values(self) -> tuple[Literal, ...]:
        self.expect("punct", "[", "'[' to open a list")
        items = [self.literal("a value in the list")]
        while self.at("punct", ","):
            self.take()
            if self.at("punct", "]"):
                break
            items.append(self.literal("a value after ','"))
        self.expect("punct", "]", "',' or ']'")
        return tuple(items)

    def literal(self, what: str) -> Literal:
        token = self.token
        if token.kind == "string":
            self.take()
            return token.text
        if token.kind == "int":
            self.take()
            return int(token.text)
        if token.kind == "date":
            self.take()
            try:
                return date.fromisoformat(token.text)
            except ValueError:
                raise rule_error(token.column, f"{token.text} is not a date") from None
        if token.kind == "keyword" and token.text in ("true", "false"):
            self.take()
            return token.text == "true"
        raise rule_error(token.column, f"expected {what}, found {_shown(token)}")


def _shown(token: Token) -> str:
    if token.kind == "end":
        return "the end of the rule"
    if token.kind == "string":
        return f'"{token.text}"'
    return repr(token.text)


def parse_rule(source: str) -> Node:
    """The syntax tree of ``source``; raises ``InvalidInput`` (column and problem).

    >>> parse_rule('age between 18 and 35 or one_way')
    Or(items=(Between(field='age', low=18, high=35), Flag(field='one_way')))
    """
    return _Parser(source).rule()
