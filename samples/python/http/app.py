"""order-processor (Python, plain HTTP): asks the Dapr sidecar for one secret, stdlib only."""

import os
import sys
import urllib.error
import urllib.request

SECRET_STORE_NAME = 'localsecretstore'
SECRET_KEY = 'secret'


def main() -> int:
    # `dapr run` exports the sidecar's HTTP port; 3500 is the CLI's usual default.
    port = os.environ.get('DAPR_HTTP_PORT', '3500')
    url = f'http://localhost:{port}/v1.0/secrets/{SECRET_STORE_NAME}/{SECRET_KEY}'
    # A sidecar started with DAPR_API_TOKEN refuses (401) any call without this header.
    headers = {}
    api_token = os.environ.get('DAPR_API_TOKEN')
    if api_token:
        headers['dapr-api-token'] = api_token
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read().decode('utf-8')
    except urllib.error.HTTPError as err:  # the sidecar answered, but not with 200
        detail = err.read().decode('utf-8', 'replace').strip()
        print(f'Failed to get secret {SECRET_KEY!r} from {SECRET_STORE_NAME!r}: '
              f'HTTP {err.code} {detail}', file=sys.stderr, flush=True)
        return 1
    except (urllib.error.URLError, OSError, UnicodeDecodeError) as err:
        print(f'Failed to get secret {SECRET_KEY!r} from {SECRET_STORE_NAME!r}: {err}',
              file=sys.stderr, flush=True)
        return 1

    # Print the JSON body just as the sidecar sent it, e.g. {"secret":"..."}.
    print(f'Fetched Secret: {body.rstrip()}', flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
