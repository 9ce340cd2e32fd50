"""Python stubs for stockpile.v1, generated from proto/ with grpc_tools.protoc.

Debian's python3-grpc-tools bundles an old protoc, which is why the protos use wrapper types
instead of proto3 `optional`. The scripts need nothing but the repository and Debian's
packages:

    apt-get install -y python3-grpcio python3-grpc-tools python3-protobuf

Where the stubs come from, first match wins:
1. clients/python/generated/, when `bash clients/python/gen_stubs.sh` made it from the
   protos as they are now (its .complete marker holds their digest);
2. otherwise they are generated on first use into a cache directory under the system temp
   directory named after that digest (again after every proto change).

    stubs = stockpile_stubs.load()
    stubs.service.SolveRequest(...), stubs.grpc.StockpileServiceStub(channel)
    stubs.analyses.StartFrontierRequest(...), stubs.analyses_grpc.AnalysisServiceStub(channel)
"""

import hashlib
import importlib
import pathlib
import subprocess
import sys
import tempfile
import types

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[1]
PROTO_ROOT = REPO / "proto"
PROTOS = sorted((PROTO_ROOT / "stockpile" / "v1").glob("*.proto"))
# The HTTP bindings the protos import (google.api.http), generated beside them: Debian's
# python3-protobuf has no google.api package.
IMPORTS = sorted((PROTO_ROOT / "google" / "api").glob("*.proto"))
GENERATED = HERE / "generated"


def digest():
    """16 hex digits of SHA-256 over the protos, in name order (gen_stubs.sh computes the same)."""
    return hashlib.sha256(b"".join(p.read_bytes() for p in IMPORTS + PROTOS)).hexdigest()[:16]


def generate(out_dir=None):
    """Runs grpc_tools.protoc on proto/stockpile/v1/*.proto unless `out_dir` is up to date; returns it."""
    d = digest()
    if out_dir is None:
        marker = GENERATED / ".complete"
        if marker.exists() and marker.read_text().strip() == d:
            return GENERATED
    out = pathlib.Path(out_dir) if out_dir else pathlib.Path(tempfile.gettempdir()) / f"stockpile-stubs-{d}"
    marker = out / ".complete"
    if marker.exists() and marker.read_text().strip() == d:
        return out
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "grpc_tools.protoc", f"-I{PROTO_ROOT}",
         f"--python_out={out}", f"--grpc_python_out={out}", *map(str, IMPORTS + PROTOS)],
        check=True)
    marker.write_text(d + "\n")
    return out


def load(out_dir=None):
    """Generates (if needed) and imports the stubs.

    Returns a namespace of modules: `service` (requests, responses), `grpc` (the
    StockpileService client stub), `instance`, `result` and `jobs` (their messages and
    enums), and `analyses` / `analyses_grpc` (AnalysisService) when the protos have it.
    """
    out = generate(out_dir)
    if str(out) not in sys.path:
        sys.path.insert(0, str(out))
    module = lambda name: importlib.import_module(f"stockpile.v1.{name}")
    stubs = types.SimpleNamespace(
        service=module("stockpile_service_pb2"), grpc=module("stockpile_service_pb2_grpc"),
        instance=module("instance_pb2"), result=module("result_pb2"), jobs=module("jobs_pb2"))
    if (out / "stockpile" / "v1" / "analyses_pb2.py").exists():
        stubs.analyses = module("analyses_pb2")
        stubs.analyses_grpc = module("analyses_pb2_grpc")
    return stubs


if __name__ == "__main__":
    print(generate(sys.argv[1] if len(sys.argv) > 1 else None))
