#!/usr/bin/env bash
# digitpad-cli's shell completions, used as the shells use them: bash's completes commands, a
# command's options (from its --help), and the values an option takes; both name exactly the
# commands digitpad-cli --help lists; zsh's parses.
#   test_completion.sh DIGITPAD_CLI PACKAGING_FOLDER
set -u
cli="$1"
packaging="$2"
failures=0
check() { # what, expected, actual
  if [ "$2" != "$3" ]; then
    printf 'FAIL: %s\n  expected: %s\n  actual:   %s\n' "$1" "$2" "$3"
    failures=$((failures + 1))
  fi
}

# shellcheck source=../../packaging/digitpad-cli.bash
source "$packaging/digitpad-cli.bash"
completed() { # the words typed so far, the last one being completed
  COMP_WORDS=("$cli" "$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _digitpad_cli
  printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
}
check "a command from its first letters" "train " "$(completed tr)"
check "an option of the command, from its --help" "--epochs " "$(completed train --epo)"
check "the architectures --arch takes" "cnn mlp quick " "$(completed train --arch '')"
check "the commands after help" "eval " "$(completed help ev)"

listed="$("$cli" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 { print $1 }' | sort | tr '\n' ' ')"
[ -n "$listed" ] || { echo "FAIL: digitpad-cli --help lists no commands"; exit 1; }
in_bash="$(sed -n 's/.*local commands="\([^"]*\)".*/\1/p' "$packaging/digitpad-cli.bash" | tr ' ' '\n' |
  grep -vx help | sort | tr '\n' ' ')"
check "bash completes the commands --help lists" "$listed" "$in_bash"
in_zsh="$(sed -n "s/^    '\([a-z-]*\):.*/\1/p" "$packaging/digitpad-cli.zsh" | grep -vx help | sort | tr '\n' ' ')"
check "zsh completes the commands --help lists" "$listed" "$in_zsh"

if command -v zsh >/dev/null 2>&1; then
  zsh -n "$packaging/digitpad-cli.zsh" || { echo "FAIL: zsh cannot parse digitpad-cli.zsh"; failures=$((failures + 1)); }
else
  echo "FAIL: zsh is missing (scripts/setup.sh installs it)"
  failures=$((failures + 1))
fi

[ "$failures" -eq 0 ] && echo "PASS: shell completions" || exit 1
