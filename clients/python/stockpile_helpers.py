"""Helpers shared by the planner scripts: a channel to the server, plain-text tables, the
server's error details, and setting one field of an instance by its JSON path.

    import stockpile_helpers as sh
    with sh.channel("localhost:5080") as ch: ...
    sh.set_path(instance, "countries[0].budgetUsd", "6e8")
    sh.set_path(instance, "countries[CA].storageTonnes", "5000")      # a list item by its id
    sh.table("Stockpiles", ["country", "tonnes"], rows, "lr")

Needs only Debian's python3-grpcio (and the stubs of stockpile_stubs.py).
"""

import re

import grpc

MAX_MESSAGE_BYTES = 64 * 1024 * 1024


def channel(address):
    """An insecure (h2c) channel that accepts results up to 64 MiB."""
    return grpc.insecure_channel(address, options=[("grpc.max_receive_message_length", MAX_MESSAGE_BYTES)])


def metadata(api_key):
    """The call metadata carrying the server's API key ("x-api-key"), or None."""
    return [("x-api-key", api_key)] if api_key else None


def table(title, header, rows, align):
    """Prints rows under a header; `align` has one letter per column, l(eft) or r(ight)."""
    print(f"\n{title}")
    if not rows:
        print("  (none)")
        return
    cells = [header] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for n, row in enumerate(cells):
        print("  " + "  ".join(c.rjust(w) if a == "r" else c.ljust(w) for c, w, a in zip(row, widths, align)).rstrip())
        if n == 0:
            print("  " + "  ".join("-" * w for w in widths))


def usd(x):
    """Millions of USD, e.g. 1,234.5M."""
    return f"{x / 1e6:,.1f}M"


# -------------------------------------------------------------------------------------------
# Errors


def fields(data):
    """The (number, value) pairs of a protobuf message's wire form (varints and length-delimited only)."""
    i = 0
    while i < len(data):
        key, i = varint(data, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, i = varint(data, i)
        elif wire == 2:
            size, i = varint(data, i)
            value, i = data[i:i + size], i + size
        else:
            return
        yield number, value


def varint(data, i):
    value = shift = 0
    while True:
        byte = data[i]
        value |= (byte & 0x7F) << shift
        i, shift = i + 1, shift + 7
        if byte < 0x80:
            return value, i


def describe(error):
    """The status, and every field violation of the google.rpc.BadRequest the server sends
    with INVALID_ARGUMENT. Decoded from the wire form (google.rpc.Status → Any → BadRequest),
    because Debian has no package of the googleapis Python protos."""
    lines = [f"{error.code().name}: {error.details()}"]
    for key, value in error.trailing_metadata() or ():
        if key != "grpc-status-details-bin":
            continue
        for number, detail in fields(value):
            if number != 3:  # Status.details
                continue
            parts = dict(fields(detail))  # Any: 1 type_url, 2 value
            if parts.get(1, b"").endswith(b"google.rpc.BadRequest"):
                for _, violation in fields(parts.get(2, b"")):  # BadRequest.field_violations
                    v = dict(fields(violation))  # 1 field, 2 description
                    lines.append(f"  {v.get(1, b'').decode()}: {v.get(2, b'').decode()}")
    return "\n".join(lines)


# -------------------------------------------------------------------------------------------
# Paths

_STEP = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[([^\]]+)\]|\.")
_WRAPPERS = {"google.protobuf.DoubleValue", "google.protobuf.FloatValue", "google.protobuf.Int32Value",
             "google.protobuf.Int64Value", "google.protobuf.UInt32Value", "google.protobuf.UInt64Value",
             "google.protobuf.BoolValue", "google.protobuf.StringValue"}


class PathError(ValueError):
    """A path that names no field of the instance; the message says what is there instead."""


def _steps(path):
    steps, pos = [], 0
    while pos < len(path):
        m = _STEP.match(path, pos)
        if not m:
            raise PathError(f"{path}: cannot read the path at {path[pos:]!r}")
        if m.group(1):
            steps.append(("field", m.group(1)))
        elif m.group(2):
            steps.append(("item", m.group(2)))
        pos = m.end()
    if not steps or steps[0][0] != "field":
        raise PathError(f"{path}: a path starts with a field name, e.g. countries[0].budgetUsd")
    return steps


def _field(message, name, path):
    descriptor = message.DESCRIPTOR
    field = descriptor.fields_by_camelcase_name.get(name) or descriptor.fields_by_name.get(name)
    if field is None:
        known = ", ".join(f.camelcase_name for f in descriptor.fields)
        raise PathError(f"{path}: {descriptor.name} has no field {name!r} (it has: {known})")
    return field


def _item(container, key, path):
    """A list element by index, or (for a list of messages) by its id, country or producer."""
    if re.fullmatch(r"-?\d+", key):
        index = int(key)
        if not -len(container) <= index < len(container):
            raise PathError(f"{path}: index {index} is out of range (the list has {len(container)} items)")
        return index
    for index, element in enumerate(container):
        for id_field in ("id", "country", "producer"):
            if hasattr(element, "DESCRIPTOR") and id_field in element.DESCRIPTOR.fields_by_name \
                    and getattr(element, id_field) == key:
                return index
    raise PathError(f"{path}: no item with id {key!r}")


def _convert(field, text, path, name=None):
    t = field.type
    try:
        if t in (field.TYPE_DOUBLE, field.TYPE_FLOAT):
            return float(text)
        if t in (field.TYPE_INT32, field.TYPE_INT64, field.TYPE_UINT32, field.TYPE_UINT64, field.TYPE_SINT32,
                 field.TYPE_SINT64):
            value = float(text)
            if value != int(value):
                raise ValueError
            return int(value)
        if t == field.TYPE_BOOL:
            if text.lower() not in ("true", "false"):
                raise ValueError
            return text.lower() == "true"
        if t == field.TYPE_STRING:
            return text
        if t == field.TYPE_ENUM:
            return field.enum_type.values_by_name[text].number
    except (ValueError, KeyError):
        pass
    kind = {field.TYPE_DOUBLE: "number", field.TYPE_FLOAT: "number", field.TYPE_BOOL: "true or false",
            field.TYPE_ENUM: "name (" + ", ".join(v.name for v in field.enum_type.values) + ")" if field.enum_type else ""
            }.get(t, "whole number")
    raise PathError(f"{path}: {text!r} is not a valid value for {name or field.camelcase_name} (give a {kind})")


def set_path(message, path, text):
    """Sets the field at `path` (the instance's JSON path, as the server's and the CLI's
    validation messages print it: lowerCamelCase names, [i] or [ID] for list items, e.g.
    "countries[0].budgetUsd", "demands[2].tonnesPerPeriod[3]", "policy.riskWeight") to the
    number, boolean, string or enum name in `text`. Returns the value set."""
    steps = _steps(path)
    current = message
    i = 0
    while True:
        _, name = steps[i]
        field = _field(current, name, path)
        rest = steps[i + 1:]
        repeated = field.label == field.LABEL_REPEATED
        if repeated:
            if not rest or rest[0][0] != "item":
                raise PathError(f"{path}: {field.camelcase_name} is a list; give an item, e.g. {field.camelcase_name}[0]")
            container = getattr(current, field.name)
            index = _item(container, rest[0][1], path)
            rest = rest[1:]
            if field.type == field.TYPE_MESSAGE:
                current, i = container[index], i + 2
                if not rest:
                    raise PathError(f"{path}: names a whole item; give one of its fields")
                continue
            if rest:
                raise PathError(f"{path}: {field.camelcase_name}[{index}] is a number; nothing is inside it")
            value = _convert(field, text, path)
            container[index] = value
            return value
        if field.type == field.TYPE_MESSAGE and field.message_type.full_name in _WRAPPERS:
            if rest:
                raise PathError(f"{path}: {field.camelcase_name} is a single value; nothing is inside it")
            value = _convert(field.message_type.fields_by_name["value"], text, path, field.camelcase_name)
            getattr(current, field.name).value = value
            return value
        if field.type == field.TYPE_MESSAGE:
            if not rest:
                raise PathError(f"{path}: names a whole {field.message_type.name}; give one of its fields")
            current, i = getattr(current, field.name), i + 1
            continue
        if rest:
            raise PathError(f"{path}: {field.camelcase_name} is a single value; nothing is inside it")
        value = _convert(field, text, path)
        setattr(current, field.name, value)
        return value
