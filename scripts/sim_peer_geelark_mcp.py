"""geelark-mcp (PyPI 0.1.0, a community MCP server for GeeLark) against the
simulator: the server is started over stdio by the MCP client library, as an
MCP host would start it, pointed at the simulator with GEELARK_BASE_URL and
the simulator's Bearer token, and every tool that talks to the GeeLark API
is called. A tool passes when it answers without an error for a valid call
(and with the simulator's state behind it: created phones exist, installed
apps list, ...). Tools that drive a local `adb` binary need a real device
connection and are reported as not run. Prints one line per tool and
`N passed, M failed, K not run`; exits 1 on any failure."""

import asyncio
import json
import os
import ssl
import sys
from urllib.parse import urlsplit

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

# Tools that need the local adb binary and a reachable device (not the API).
ADB_TOOLS = {
    "adb_connect", "adb_disconnect", "execute_adb_command", "execute_adb_shell", "install_apk",
    "adb_devices", "adb_get_state", "adb_get_properties", "adb_logcat", "adb_push_file",
    "adb_pull_file", "press_key", "tap_coordinates", "swipe_coordinates",
}

results = []


def record(tool, ok, detail=""):
    results.append((tool, ok, detail))
    print(("ok    " if ok else "FAIL  ") + tool + (": " + detail if detail else ""), flush=True)


def payload(result):
    """The tool's JSON answer (geelark-mcp answers with one JSON text block)."""
    for block in result.content:
        text = getattr(block, "text", None)
        if text:
            try:
                return json.loads(text)
            except ValueError:
                return {"text": text}
    return {}


async def call(session, tool, args, check=None):
    try:
        r = await session.call_tool(tool, args)
    except Exception as e:  # noqa: BLE001 - a transport failure is a failure
        record(tool, False, repr(e))
        return None
    body = payload(r)
    if r.isError or (isinstance(body, dict) and body.get("ok") is False):
        record(tool, False, json.dumps(body)[:300])
        return None
    if check is not None:
        try:
            problem = check(body)
        except Exception as e:  # noqa: BLE001
            problem = "unexpected answer: %r" % (e,)
        if problem:
            record(tool, False, problem + ": " + json.dumps(body)[:300])
            return None
    record(tool, True)
    return body


def find(body, key):
    """The first value of `key` anywhere in `body`."""
    if isinstance(body, dict):
        if key in body:
            return body[key]
        for v in body.values():
            got = find(v, key)
            if got is not None:
                return got
    if isinstance(body, list):
        for v in body:
            got = find(v, key)
            if got is not None:
                return got
    return None


async def tls_front(sim_url, cert, key):
    """geelark-mcp accepts only an https:// base URL: a TLS front (a
    throwaway self-signed certificate, trusted through SSL_CERT_FILE) that
    pipes each connection to the simulator's plain HTTP port."""
    target = urlsplit(sim_url)
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)

    async def pipe(reader, writer):
        try:
            while True:
                data = await reader.read(65536)
                if not data:
                    break
                writer.write(data)
                await writer.drain()
        except (ConnectionError, ssl.SSLError):
            pass
        finally:
            writer.close()

    async def serve(client_r, client_w):
        try:
            sim_r, sim_w = await asyncio.open_connection(target.hostname, target.port)
        except OSError:
            client_w.close()
            return
        await asyncio.gather(pipe(client_r, sim_w), pipe(sim_r, client_w))

    server = await asyncio.start_server(serve, "127.0.0.1", 0, ssl=ctx)
    return server, "https://127.0.0.1:%d" % server.sockets[0].getsockname()[1]


async def main():
    creds = json.load(open(sys.argv[1]))
    cert, key, adb = sys.argv[3], sys.argv[4], sys.argv[5]
    front, url = await tls_front(creds["url"], cert, key)
    # geelark-mcp also refuses to start without an adb executable: a stub
    # stands in (the adb tools are not run; see ADB_TOOLS).
    env = dict(os.environ, GEELARK_BASE_URL=url, GEELARK_BEARER_TOKEN=creds["geelark"]["token"],
               GEELARK_MAX_RETRIES="1", GEELARK_LOG_LEVEL="WARNING", SSL_CERT_FILE=cert,
               GEELARK_ADB_PATH=adb)
    params = StdioServerParameters(command=sys.argv[2], args=[], env=env)
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            tools = {t.name for t in (await session.list_tools()).tools}
            listed = await call(session, "list_phones", {"page": 1, "page_size": 50},
                                lambda b: None if find(b, "items") or find(b, "phones") else "no phones")
            statuses = await call(session, "get_phone_status", {"phone_ids": creds["phones"][:20]})
            running = [p for p in creds["phones"][:20]
                       if json.dumps(find(statuses, p) or "").find('"running"') >= 0] if statuses else []
            created = await call(session, "create_phone",
                                 {"profile_name": "mcp-peer-1", "mobile_type": "Android 13", "proxy_id": 2},
                                 lambda b: None if find(b, "success_amount") == 1 else "not created")
            new_id = find(created, "id") if created else None
            if new_id:
                await call(session, "start_phone", {"phone_ids": [new_id], "timeout_seconds": 20,
                                                     "poll_interval_seconds": 0.3})
                phone = new_id
            else:
                phone = creds["phones"][0]
            await call(session, "list_installable_apps", {"phone_id": phone, "query": "tik"},
                       lambda b: None if "1901000000000000001" in json.dumps(b) else "no TikTok version")
            await call(session, "install_app", {"phone_id": phone, "app_version_id": "1901000000000000001"})
            await call(session, "list_installed_apps", {"phone_id": phone},
                       lambda b: None if "com.zhiliaoapp.musically" in json.dumps(b) else "the install is missing")
            await call(session, "start_app", {"phone_id": phone, "package_name": "com.zhiliaoapp.musically"})
            await call(session, "stop_app", {"phone_id": phone, "package_name": "com.zhiliaoapp.musically"})
            await call(session, "uninstall_app", {"phone_id": phone, "package_name": "com.zhiliaoapp.musically"})
            await call(session, "list_task_history", {"size": 5},
                       lambda b: None if "618880000000000001" in json.dumps(b) else "no seeded task")
            await call(session, "query_tasks", {"task_ids": ["618880000000000001", "618880000000000002"]})
            await call(session, "get_task_detail", {"task_id": "618880000000000001"},
                       lambda b: None if "Waiting for execution" in json.dumps(b) else "no logs")
            await call(session, "cancel_tasks", {"task_ids": ["618880000000000004"]})
            await call(session, "retry_tasks", {"task_ids": ["618880000000000002"]})
            await call(session, "get_temp_upload_url", {"file_type": "mp4"},
                       lambda b: None if find(b, "resource_url") else "no URL")
            clip = os.path.join(os.path.dirname(cert), "clip.mp4")
            with open(clip, "wb") as f:
                f.write(b"\x00" * 4096)
            await call(session, "upload_local_file_to_geelark", {"local_path": clip},
                       lambda b: None if find(b, "bytes_uploaded") == 4096 else "not all bytes sent")
            upload = await call(session, "upload_file_to_phone",
                                {"phone_id": phone, "file_url": "https://material.example.com/open-upload/a.mp4"})
            task = find(upload, "task_id") or find(upload, "taskId") if upload else None
            if task:
                await call(session, "get_file_upload_status", {"task_id": str(task)})
            await call(session, "enable_adb", {"phone_ids": [phone], "wait_ready": False}
                       if "enable_adb" in tools else {})
            await call(session, "get_adb_connection", {"phone_ids": [phone]})
            await call(session, "stop_phone", {"phone_ids": [phone], "timeout_seconds": 20,
                                               "poll_interval_seconds": 0.3})
            if new_id:
                await call(session, "delete_phone", {"phone_id": new_id, "confirm": True,
                                                     "expected_phone_name": "mcp-peer-1"})
            called = {r[0] for r in results}
            for t in sorted(tools - called):
                if t in ADB_TOOLS:
                    print("skip  " + t + ": needs a local adb and a device", flush=True)
                else:
                    print("skip  " + t + ": not an API tool of this check", flush=True)
            skipped = len(tools - called)
    front.close()
    passed = sum(1 for r in results if r[1])
    failed = [r[0] for r in results if not r[1]]
    print("%d passed, %d failed, %d not run (of %d tools)" % (passed, len(failed), skipped, len(tools)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
