"""`sourcegen build` then `zensical build`: the site must not depend on the MkDocs plugin.

Zensical reads the same mkdocs.yml, runs no MkDocs plugins, and renders the
theme (and our overrides/) with its own template engine.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from click.testing import CliRunner

from sourcegen.cli import main

SLUG = "hikvision-president-chats-with-ssi"


def test_zensical_builds_the_generated_site(site: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--root", str(site)])
    assert result.exit_code == 0, result.stderr
    zensical = Path(sys.executable).parent / "zensical"
    proc = subprocess.run(
        [str(zensical), "build"], cwd=site, capture_output=True, text=True, check=False, timeout=600
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    html = (site / "site" / "interviews" / SLUG / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.select("h2.sg-question")) == 3
    refs = soup.select("a.footnote-ref")
    assert len(refs) >= 10 and all(soup.find(id=r["href"].lstrip("#")) for r in refs)
    assert {a.get_text() for a in soup.select("abbr")} >= {"TVI", "SOE", "R&D"}
    # The theme's bundle is held back until the reader interacts (overrides/main.html).
    held = soup.select("script[data-sg-theme]")
    assert len(held) == 1 and held[0].get("type") == "text/plain", held
    assert "/assets/javascripts/bundle." in str(held[0].get("data-src"))
    ld = [
        json.loads(m)
        for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    assert [d["@type"] for d in ld] == ["Article"]
    assert ld[0]["headline"].startswith("Hikvision President Chats With SSI")
