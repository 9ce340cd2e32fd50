#!/usr/bin/env python3
"""Waits until a gRPC server answers SERVING on the standard health service.

    /usr/bin/python3 clients/python/wait_healthy.py localhost:5080 60

Uses the raw wire format of grpc.health.v1 (an empty HealthCheckRequest; a response whose
field 1 is SERVING = 1), so it needs no generated stubs. Exit 0 when serving, 1 on time-out.
"""

import sys
import time

import grpc

SERVING = b"\x08\x01"


def serving(address):
    with grpc.insecure_channel(address) as channel:
        check = channel.unary_unary("/grpc.health.v1.Health/Check",
                                    request_serializer=lambda raw: raw, response_deserializer=lambda raw: raw)
        try:
            return check(b"", timeout=2) == SERVING
        except grpc.RpcError:
            return False


def main():
    address, timeout = sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 60
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if serving(address):
            print(f"{address} is SERVING")
            return 0
        time.sleep(0.5)
    print(f"{address} did not answer SERVING within {timeout:g} s", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
