#!/usr/bin/env python3
"""Writes clang-tidy's compile commands from the release build's (scripts/check.sh tidy).

The release build gives the units that include LibTorch GCC's precompiled <torch/torch.h>, which
clang cannot read. Parsing LibTorch is most of what clang-tidy spends on such a unit, so they get
clang's own precompiled copy instead, built here once with the flags of the first of them (its
templates instantiated in it, as GCC's are). The other units keep their commands as they are.

    tidy_compile_commands.py RELEASE_COMPILE_COMMANDS OUTPUT_FOLDER
"""
import json
import shlex
import subprocess
import sys
from pathlib import Path

GCC_PCH_FLAGS = ("-Winvalid-pch",)


def without_gcc_pch(arguments):
    """The arguments without GCC's precompiled header; and whether they had it."""
    kept, had = [], False
    skip = False
    for index, argument in enumerate(arguments):
        if skip:
            skip = False
            continue
        if argument in GCC_PCH_FLAGS:
            continue
        if argument == "-include" and index + 1 < len(arguments) and \
                arguments[index + 1].endswith("cmake_pch.hxx"):
            skip, had = True, True
            continue
        kept.append(argument)
    return kept, had


def header_flags(arguments):
    """A unit's flags without its output and input, to build a header with."""
    flags, skip = [], False
    for argument in arguments[1:]:
        if skip:
            skip = False
        elif argument in ("-o", "-c"):
            skip = True
        else:
            flags.append(argument)
    return flags


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[-1].strip())
    entries = json.loads(Path(sys.argv[1]).read_text())
    output = Path(sys.argv[2]).resolve()
    output.mkdir(parents=True, exist_ok=True)
    pch = output / "torch.pch"
    built = False
    for entry in entries:
        arguments, had = without_gcc_pch(shlex.split(entry["command"]))
        if had and not entry["file"].endswith(".cxx"):  # CMake's own unit of the header
            if not built:
                header = output / "torch_pch.h"
                header.write_text("#include <torch/torch.h>\n")
                subprocess.run(["clang++-22", "-x", "c++-header", "-fpch-instantiate-templates",
                                *header_flags(arguments), str(header), "-o", str(pch)],
                               cwd=entry["directory"], check=True)
                built = True
            arguments[1:1] = ["-include-pch", str(pch)]
        entry["command"] = shlex.join(arguments)
    (output / "compile_commands.json").write_text(json.dumps(entries, indent=2))


if __name__ == "__main__":
    main()
