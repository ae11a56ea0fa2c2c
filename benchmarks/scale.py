"""How sourcegen and MkDocs scale with the number of interviews: build_bench.py's
figures and, with ``--serve``, serve_bench.py's, in one JSON line per N.

The command README's Performance section gives; each part is also a script
of its own. Fields are described in benchmarks/README.md.

    python benchmarks/scale.py --n 10              # smoke run
    python benchmarks/scale.py --baseline --serve  # N = 10, 100, 1000
"""

from __future__ import annotations

import json
import sys

from build_bench import arguments, build_arguments, done_with, measure_site, with_site
from serve_bench import measure_serve
from sites import log


def main(argv: list[str] | None = None) -> int:
    parser = build_arguments(arguments(__doc__.split("\n\n")[0]))
    parser.add_argument(
        "--baseline-n",
        type=int,
        action="append",
        help="N values for --baseline (default: 100 and 1000 among --n)",
    )
    parser.add_argument(
        "--serve", action="store_true", help="also time `mkdocs serve` reloads (at --serve-n)"
    )
    parser.add_argument("--serve-n", type=int, default=100, help="site size for --serve")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    ns = args.n or [10, 100, 1000]
    if args.serve and args.serve_n not in ns:
        ns.append(args.serve_n)
    for n in ns:
        made, root = with_site(n, args)
        try:
            baseline = args.baseline and n in set(args.baseline_n or [100, 1000])
            line = measure_site(made, baseline, args.jobs)
            if args.serve and n == args.serve_n:
                log(f"N={n}: mkdocs serve reload latency")
                line |= measure_serve(made) | measure_serve(made, dirty=True)
            print(json.dumps(line), flush=True)
        finally:
            done_with(root, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
