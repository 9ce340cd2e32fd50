"""Python stubs for stockpile.v1, generated from proto/ with grpc_tools.protoc.

Debian's python3-grpc-tools bundles protoc 3.5, which is why the protos use wrapper types
instead of proto3 `optional`. Stubs are generated once per proto change into a cache
directory (default: a folder under the system temp directory named after a hash of the
protos), so a planner's script needs nothing but the repository and Debian's packages:

    apt-get install -y python3-grpcio python3-grpc-tools python3-protobuf
"""

import hashlib
import importlib
import os
import pathlib
import subprocess
import sys
import tempfile
import types

REPO = pathlib.Path(__file__).resolve().parents[2]
PROTO_ROOT = REPO / "proto"
PROTOS = sorted((PROTO_ROOT / "stockpile" / "v1").glob("*.proto"))


def generate(out_dir=None):
    """Runs grpc_tools.protoc on proto/stockpile/v1/*.proto; returns the output directory."""
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in PROTOS)).hexdigest()[:16]
    out = pathlib.Path(out_dir) if out_dir else pathlib.Path(tempfile.gettempdir()) / f"stockpile-stubs-{digest}"
    marker = out / ".complete"
    if marker.exists() and marker.read_text() == digest:
        return out
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "grpc_tools.protoc", f"-I{PROTO_ROOT}",
         f"--python_out={out}", f"--grpc_python_out={out}", *map(str, PROTOS)],
        check=True)
    marker.write_text(digest)
    return out


def load(out_dir=None):
    """Generates (if needed) and imports the stubs.

    Returns a namespace of modules: `service` (requests, responses), `grpc` (the client
    stub), `instance`, `result` and `jobs` (their messages and enums).
    """
    out = generate(out_dir)
    if str(out) not in sys.path:
        sys.path.insert(0, str(out))
    module = lambda name: importlib.import_module(f"stockpile.v1.{name}")
    return types.SimpleNamespace(
        service=module("stockpile_service_pb2"), grpc=module("stockpile_service_pb2_grpc"),
        instance=module("instance_pb2"), result=module("result_pb2"), jobs=module("jobs_pb2"))


if __name__ == "__main__":
    print(generate(sys.argv[1] if len(sys.argv) > 1 else None))
