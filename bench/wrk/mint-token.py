#!/usr/bin/env python3
"""An HS256 token the API accepts, for wrk: python3 mint-token.py SIGNING_KEY TENANT [HOURS]
(issuer ragplatform, audience ragplatform-api, roles reader and writer: the API's defaults)."""
import base64, hashlib, hmac, json, sys, time, uuid

key, tenant = sys.argv[1], sys.argv[2]
hours = float(sys.argv[3]) if len(sys.argv) > 3 else 6
encode = lambda data: base64.urlsafe_b64encode(data).rstrip(b"=").decode()
now = int(time.time())
header = encode(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
payload = encode(json.dumps({"iss": "ragplatform", "aud": "ragplatform-api", "sub": "wrk", "tenant": tenant,
                             "role": ["reader", "writer"], "iat": now, "nbf": now, "exp": now + int(hours * 3600),
                             "jti": uuid.uuid4().hex}).encode())
signature = encode(hmac.new(key.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest())
print(f"{header}.{payload}.{signature}")
