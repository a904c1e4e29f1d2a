#!/usr/bin/env bash
# Builds the wheel and installs it into a fresh environment with pip alone (any attempt to use
# Node.js fails loudly), then checks that both halves of the extension load and answer.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

say "wheel: building"
begin=$(date +%s)
rm -rf "$ROOT/dist" "$ROOT/jupyterlab_mlstudio/labextension" # the build hook then makes a production bundle
(cd "$ROOT" && "$PY" -m build --wheel --outdir dist . >"$work/build.log" 2>&1) || { tail -40 "$work/build.log"; exit 1; }
wheel=$(ls "$ROOT"/dist/jupyterlab_mlstudio-*.whl)
echo "built $(basename "$wheel") ($(du -k "$wheel" | cut -f1) KiB) in $(($(date +%s) - begin))s"
"$PY" - "$wheel" <<'PYTHON'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
data = [n for n in names if ".data/data/" in n]
assert any("share/jupyter/labextensions/jupyterlab-mlstudio/static/remoteEntry" in n for n in data), "no built labextension in the wheel"
assert any("etc/jupyter/jupyter_server_config.d/jupyterlab_mlstudio.json" in n for n in data), "no server config in the wheel"
samples = [n for n in names if n.startswith("jupyterlab_mlstudio/examples/") and n.endswith(".ipynb")]
assert len(samples) == 5, f"the wheel carries {len(samples)} sample notebooks, not 5: {samples}"
print(f"the wheel carries the labextension, the server config and the samples ({len(names)} files)")
PYTHON

say "wheel: installing with pip alone"
mkdir -p "$work/no-node"
for tool in node npm npx jlpm yarn; do
  printf '#!/bin/sh\necho "%s was called during a pip-only install" >>"%s"\nexit 1\n' "$tool" "$work/node-used" \
    >"$work/no-node/$tool"
  chmod +x "$work/no-node/$tool"
done
python3 -m venv "$work/venv"
begin=$(date +%s)
PATH="$work/no-node:$work/venv/bin:/usr/bin:/bin" "$work/venv/bin/pip" install -q "$wheel" 2>&1 | { grep -v '^WARNING: Location' || true; }
echo "installed in $(($(date +%s) - begin))s"
[ ! -e "$work/node-used" ] || { cat "$work/node-used"; exit 1; }

labext=$(PATH="$work/no-node:$work/venv/bin:/usr/bin:/bin" "$work/venv/bin/jupyter" labextension list 2>&1)
echo "$labext" | grep -E "jupyterlab-mlstudio v[0-9.]+ .*enabled.*OK" || { echo "$labext"; exit 1; }
serverext=$(PATH="$work/no-node:$work/venv/bin:/usr/bin:/bin" "$work/venv/bin/jupyter" server extension list 2>&1)
echo "$serverext" | grep -E "jupyterlab_mlstudio [0-9.]+ .*OK" || { echo "$serverext"; exit 1; }

say "wheel: starting a server from the installed wheel"
port=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
token="wheel-check-$RANDOM"
args=(--ip=127.0.0.1 --port="$port" --no-browser --IdentityProvider.token="$token" \
  --MLStudioApp.data_dir="$work/data" --ServerApp.root_dir="$work")
[ "$(id -u)" -eq 0 ] && args+=(--allow-root)
JUPYTER_CONFIG_DIR="$work/config" JUPYTER_DATA_DIR="$work/jdata" JUPYTER_RUNTIME_DIR="$work/runtime" \
  PATH="$work/no-node:$work/venv/bin:/usr/bin:/bin" "$work/venv/bin/jupyter" lab "${args[@]}" >"$work/server.log" 2>&1 &
server_pid=$!
"$PY" - "$port" "$token" <<'PYTHON' || { tail -30 "$work/server.log"; exit 1; }
import json, sys, time, urllib.request
port, token = sys.argv[1], sys.argv[2]
def get(path):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)
deadline = time.time() + 90
while True:
    try:
        status = get("/mlstudio/api/v1/status")
        break
    except OSError:
        if time.time() > deadline:
            raise
        time.sleep(0.5)
process = status["backends"][0]
assert (process["name"], process["available"], process["reason"]) == ("process", True, None), status
extensions = get("/lab/api/extensions")
assert any(item["name"] == "jupyterlab-mlstudio" for item in extensions), "JupyterLab does not list the extension"
specs = get("/api/kernelspecs")["kernelspecs"]
assert specs["mlstudio-default-python3"]["spec"]["display_name"] == "This server's Python", specs["mlstudio-default-python3"]
def send(method, path, body=b""):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, method=method, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")
kernel = send("POST", "/api/kernels", json.dumps({"name": "mlstudio-default-python3"}).encode())
usage = get(f"/mlstudio/api/v1/kernels/{kernel['id']}")
assert usage["image"] == "default" and usage["kind"] == "local", usage
send("DELETE", f"/api/kernels/{kernel['id']}", None)
print("the installed wheel serves /mlstudio/api/v1/status, JupyterLab lists the extension, and a kernel starts in the default image")
PYTHON
