"""The floor under `whiteboard score --format json`: read the board, write an output as big.

    python bench/json_floor.py BOARD SAMPLE BYTES

What no implementation of the command can avoid: start Python, `json.load` the board file, and
encode and write `BYTES` of output shaped like the command's (one workload object per line,
`json.dumps(..., ensure_ascii=False)`, the encoder the command itself uses). SAMPLE holds one
workload object of the real output (a line of typical length); it is encoded once per workload
of the board, with the workload's id, until the output is as long as the real one. Nothing is
scored: the ratio of the command to this script is what the scoring and our encoding add.
"""

from __future__ import annotations

import json
import sys


def main(argv: list[str]) -> int:
    board_path, sample_path, size_text = argv
    size = int(size_text)
    with open(board_path, encoding="utf-8") as handle:
        board = json.load(handle)
    with open(sample_path, encoding="utf-8") as handle:
        sample = json.load(handle)
    ids = [workload["id"] for workload in board["workloads"]] or ["none"]
    write = sys.stdout.write
    head = json.dumps({"board": board["name"], "summary": {}}, ensure_ascii=False)[:-1]
    written = write(head + ', "workloads": [\n')
    index = 0
    while written < size:
        sample["id"] = ids[index % len(ids)]
        written += write(json.dumps(sample, ensure_ascii=False) + ",\n")
        index += 1
    write("]}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
