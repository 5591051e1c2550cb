#!/usr/bin/env python3
"""Validates JSON messages against the protocol contract, docs/asyncapi.yaml.

  validate_protocol.py docs ASYNCAPI PROTOCOL_MD
      every ```json example in docs/protocol.md: a known message (or the PARTY / SESSION shape)
      that its schema accepts; and every message of the contract has at least one example.
  validate_protocol.py dumps ASYNCAPI DIR
      every line of DIR/*.jsonl (frames the e2e tests received from the real backend, written
      through HB_PROTOCOL_DUMP) is a server message its schema accepts.

Exit status 0 when all pass, 1 with one line per failure otherwise. The validator is
python3-jsonschema (Debian), Draft 7 semantics.
"""
import collections
import json
import pathlib
import re
import sys

import jsonschema
import yaml


class Contract:
    def __init__(self, path):
        self.doc = yaml.safe_load(pathlib.Path(path).read_text())
        self.resolver = jsonschema.RefResolver.from_schema(self.doc)
        channel = self.doc["channels"]["/v1/ws"]
        self.client = self._types(channel["publish"]["message"]["oneOf"])
        self.server = self._types(channel["subscribe"]["message"]["oneOf"])

    def _types(self, refs):
        """message type -> schema name, from the channel's oneOf list."""
        out = {}
        for ref in refs:
            message = self._resolve(ref["$ref"])
            schema_ref = message["payload"]["$ref"]
            schema = self._resolve(schema_ref)
            out[schema["properties"]["type"]["const"]] = schema_ref
        return out

    def _resolve(self, ref):
        node = self.doc
        for part in ref.lstrip("#/").split("/"):
            node = node[part]
        return node

    def errors(self, schema_ref, obj):
        validator = jsonschema.Draft7Validator({"$ref": schema_ref}, resolver=self.resolver)
        return ["%s: %s" % ("/".join(map(str, e.absolute_path)) or "(top)", e.message)
                for e in validator.iter_errors(obj)]

    def check_server(self, obj):
        kind = obj.get("type") if isinstance(obj, dict) else None
        if kind not in self.server:
            return ["not a server message of the contract: type %r" % kind]
        return self.errors(self.server[kind], obj)

    def check_example(self, obj):
        """An example of protocol.md: client or server message, or a shared shape."""
        if not isinstance(obj, dict):
            return ["not a JSON object"]
        kind = obj.get("type")
        if kind is None:
            shape = "Session" if "state" in obj else "Party"
            return self.errors("#/components/schemas/" + shape, obj)
        in_client, in_server = kind in self.client, kind in self.server
        if in_client and in_server:
            # presence.history both ways: replies carry ref and the intervals.
            in_client = "intervals" not in obj and "ref" not in obj
            in_server = not in_client
        if in_server:
            return self.errors(self.server[kind], obj)
        if in_client:
            return self.errors(self.client[kind], obj)
        return ["unknown message type %r" % kind]


def examples(markdown):
    """(line number, text) of every ```json block."""
    for m in re.finditer(r"^[ \t]*```json[ \t]*\n(.*?)^[ \t]*```", markdown, re.S | re.M):
        yield markdown.count("\n", 0, m.start()) + 1, m.group(1)


def check_docs(contract, protocol_md):
    failures, seen = [], set()
    text = pathlib.Path(protocol_md).read_text()
    count = 0
    for line, block in examples(text):
        count += 1
        try:
            obj = json.loads(block)
        except json.JSONDecodeError as e:
            failures.append("protocol.md:%d: invalid JSON: %s" % (line, e))
            continue
        if isinstance(obj, dict) and "type" in obj:
            seen.add(obj["type"])
        failures += ["protocol.md:%d: %s" % (line, e) for e in contract.check_example(obj)]
    for kind in sorted((set(contract.client) | set(contract.server)) - seen):
        failures.append("protocol.md has no example of %r" % kind)
    print("docs: %d examples, %d message types" % (count, len(seen)))
    return failures


def check_dumps(contract, directory):
    failures, counts = [], collections.Counter()
    files = sorted(pathlib.Path(directory).glob("*.jsonl"))
    if not files:
        return ["no dumps in %s: run the e2e tests first (ctest -L e2e)" % directory]
    for path in files:
        for number, line in enumerate(path.read_text().splitlines(), 1):
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                failures.append("%s:%d: invalid JSON: %s" % (path.name, number, e))
                continue
            counts[obj.get("type") if isinstance(obj, dict) else None] += 1
            failures += ["%s:%d: %s: %s" % (path.name, number, e, line[:300])
                         for e in contract.check_server(obj)]
    total = sum(counts.values())
    print("dumps: %d messages from the real backend in %d files" % (total, len(files)))
    for kind, n in sorted(counts.items(), key=lambda kv: str(kv[0])):
        print("  %-26s %d" % (kind, n))
    unseen = sorted(set(contract.server) - set(counts))
    if unseen:
        print("  (not received in this run: %s)" % ", ".join(unseen))
    if total == 0:
        failures.append("the dumps hold no message")
    return failures


def main(argv):
    if len(argv) != 4 or argv[1] not in ("docs", "dumps"):
        print(__doc__, file=sys.stderr)
        return 2
    contract = Contract(argv[2])
    failures = (check_docs if argv[1] == "docs" else check_dumps)(contract, argv[3])
    for f in failures[:200]:
        print("FAIL " + f)
    if len(failures) > 200:
        print("... and %d more" % (len(failures) - 200))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
