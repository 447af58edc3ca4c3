"""order-processor (Python, Dapr SDK): reads one secret through the sidecar's gRPC API."""

import contextlib
import sys

import grpc  # installed with dapr; its errors are what the SDK raises for failed calls
from dapr.clients import DaprClient

SECRET_STORE_NAME = 'localsecretstore'
SECRET_KEY = 'secret'


def describe(err: Exception) -> str:
    # A gRPC error prints over several lines; its status code and details fit on one.
    if isinstance(err, grpc.RpcError):
        return f'{err.code().name}: {err.details()}'
    return str(err)


def main() -> int:
    try:
        # DaprClient locates the sidecar from the DAPR_* variables that `dapr run` sets and
        # waits for it to be healthy. While waiting it print()s each failed probe, so point
        # stdout at stderr for the SDK calls: stdout is kept for the one result line.
        with contextlib.redirect_stdout(sys.stderr), DaprClient() as client:
            response = client.get_secret(store_name=SECRET_STORE_NAME, key=SECRET_KEY)
    except Exception as err:  # any failure (sidecar down, unknown store/key) is fatal here
        print(f'Failed to get secret {SECRET_KEY!r} from {SECRET_STORE_NAME!r}: {describe(err)}',
              file=sys.stderr, flush=True)
        return 1

    # The SDK hands back a protobuf map; dict() makes the printed form a plain Python dict.
    print(f'Fetched Secret: {dict(response.secret)}', flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
