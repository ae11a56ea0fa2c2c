#!/usr/bin/env bash
# Lighthouse (mobile) for the interview page, beside a stock Material page.
#
#   benchmarks/lighthouse.sh            # PYTHON=... CHROME_PATH=... to override
#
# Builds this site and a one-page stock Material site (theme material,
# font: false, the same interview text with no notes or sourcegen styles)
# into a temporary folder, serves both with gzip on 127.0.0.1 as GitHub
# Pages does (under /sourcegen/ and /stock/), runs `npx lighthouse@12.2.3`
# on each with its default mobile emulation and simulated throttling, and
# prints the four category scores, first contentful paint and total bytes.
# Needs npm/npx (the first run downloads Lighthouse) and Chromium.
# LIGHTHOUSE_REPORTS=dir keeps the two JSON reports there.
# Not run in CI: the scores move with machine load.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-$(command -v python3)}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
export NO_MKDOCS_2_WARNING=1
LIGHTHOUSE="lighthouse@12.2.3"
INTERVIEW="interviews/hikvision-president-chats-with-ssi/"
CHROME_FLAGS="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run --disable-sync"

[ -x "$CHROME_PATH" ] || { echo "no Chromium at $CHROME_PATH (set CHROME_PATH)" >&2; exit 2; }
command -v npx >/dev/null || { echo "npx not found (install Node.js/npm)" >&2; exit 2; }

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
mkdir -p "$WORK/www" "$WORK/reports"

echo "building sourcegen site and stock Material page ..." >&2
(cd "$ROOT" && SITE_URL="$BASE/sourcegen/" "$PYTHON" -m mkdocs build --strict --quiet -d "$WORK/www/sourcegen")

# The stock page: the same interview text, plain Markdown, stock Material.
mkdir -p "$WORK/stock/docs"
"$PYTHON" - "$ROOT" "$WORK/stock" "$BASE/stock/" <<'PY'
import re, sys
from pathlib import Path
root, out, site_url = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
src = next((root / "sources" / "interviews").glob("*/interview.md")).read_text(encoding="utf-8")
_, front, body = src.split("---\n", 2)
title = re.search(r"^title: (.*)$", front, re.M).group(1).strip()
body = re.sub(r"[ \t]*\{[^{}\n]*\}[ \t]*$", "", body, flags=re.M)  # drop attribute lists
(out / "docs" / "index.md").write_text(f"# {title}\n\n{body}", encoding="utf-8")
(out / "mkdocs.yml").write_text(
    f"site_name: Stock Material\nsite_url: {site_url}\n"
    "theme:\n  name: material\n  font: false\n"
    "plugins:\n  - search\n",
    encoding="utf-8",
)
PY
(cd "$WORK/stock" && "$PYTHON" -m mkdocs build --strict --quiet --site-dir "$WORK/www/stock")

# A static server with gzip for text, 404.html for missing files and a
# ten-minute cache lifetime, as GitHub Pages serves.
cat > "$WORK/serve.py" <<'PY'
import gzip, http.server, sys
from functools import partial
from pathlib import Path

TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map")

class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # redirect to the slash form
            path = path / "index.html"
        status = 200
        if not path.is_file():
            site = self.path.lstrip("/").split("/", 1)[0]
            path, status = Path(self.directory) / site / "404.html", 404
            if not path.is_file():
                self.send_error(404)
                return None
        body = path.read_bytes()
        ctype = self.guess_type(str(path))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Cache-Control", "max-age=600")
        if path.suffix in TEXT and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, 6)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        from io import BytesIO
        return BytesIO(body)

port, root = int(sys.argv[1]), sys.argv[2]
http.server.ThreadingHTTPServer(("127.0.0.1", port), partial(Handler, directory=root)).serve_forever()
PY
"$PYTHON" "$WORK/serve.py" "$PORT" "$WORK/www" &
SERVER_PID=$!
for _ in $(seq 50); do
  "$PYTHON" -c "import urllib.request; urllib.request.urlopen('$BASE/stock/')" 2>/dev/null && break
  sleep 0.1
done

run() {  # name url
  echo "lighthouse: $2 ..." >&2
  npx --yes "$LIGHTHOUSE" "$2" \
    --only-categories=performance,accessibility,best-practices,seo \
    --form-factor=mobile \
    --chrome-flags="$CHROME_FLAGS" \
    --output=json --output-path="$WORK/reports/$1.json" --quiet
}
run sourcegen "$BASE/sourcegen/$INTERVIEW"
run stock "$BASE/stock/"
if [ -n "${LIGHTHOUSE_REPORTS:-}" ]; then
  mkdir -p "$LIGHTHOUSE_REPORTS" && cp "$WORK"/reports/*.json "$LIGHTHOUSE_REPORTS"/
fi

"$PYTHON" - "$WORK/reports" <<'PY'
import json, sys
from pathlib import Path
rows = []
for name, label in (("sourcegen", "sourcegen interview page"), ("stock", "stock Material page")):
    r = json.loads((Path(sys.argv[1]) / f"{name}.json").read_text())
    cat, aud = r["categories"], r["audits"]
    failed = [a for c in cat.values() for ref in c["auditRefs"]
              if (a := aud[ref["id"]]).get("score") is not None and a["score"] < 1
              and ref.get("weight", 0) > 0 and c["id"] != "performance"]
    rows.append((label, *(round(cat[k]["score"] * 100) for k in
                          ("performance", "accessibility", "best-practices", "seo")),
                 aud["first-contentful-paint"]["displayValue"],
                 aud["largest-contentful-paint"]["displayValue"],
                 aud["total-blocking-time"]["displayValue"],
                 aud["cumulative-layout-shift"]["displayValue"],
                 f'{aud["total-byte-weight"]["numericValue"] / 1024:.0f} KiB',
                 ", ".join(sorted({a["id"] for a in failed})) or "-"))
head = ("page", "perf", "a11y", "best pr.", "SEO", "FCP", "LCP", "TBT", "CLS", "total bytes",
        "failed (non-perf)")
print(f"Lighthouse {r['lighthouseVersion']}, mobile, simulated throttling, {r['environment']['hostUserAgent'].split(')')[-1].strip() or 'Chromium'}")
print(" | ".join(head))
print(" | ".join("---" for _ in head))
for row in rows:
    print(" | ".join(str(x) for x in row))
PY
