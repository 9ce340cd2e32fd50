#!/usr/bin/env bash
# Generates the Python stubs of proto/stockpile/v1/*.proto into clients/python/generated/
# (or the directory given) with Debian's grpc_tools:
#   apt-get install -y python3-grpcio python3-grpc-tools python3-protobuf
#   bash clients/python/gen_stubs.sh [OUT_DIR]
# The scripts here import from clients/python/generated/ while it matches the protos (the
# digest in its .complete marker); otherwise stockpile_stubs.py regenerates into a temp cache.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=${1:-$here/generated}
mkdir -p "$out"
# The google.api HTTP bindings the protos import first, then stockpile.v1 (the order of the digest).
protos="$(cd "$repo" && LC_ALL=C ls proto/google/api/*.proto | LC_ALL=C sort) $(cd "$repo" && LC_ALL=C ls proto/stockpile/v1/*.proto | LC_ALL=C sort)"
(cd "$repo" && /usr/bin/python3 -m grpc_tools.protoc -Iproto --python_out="$out" --grpc_python_out="$out" $protos)
# The same digest as stockpile_stubs.digest(): SHA-256 of the protos in name order, 16 hex digits.
(cd "$repo" && cat $protos) | sha256sum | cut -c1-16 >"$out/.complete"
echo "generated $(ls "$out"/stockpile/v1/*_pb2*.py | wc -l) modules into $out"
