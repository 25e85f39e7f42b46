# bash completion for digitpad-cli: commands, then each command's options (read from its own
# --help, so they stay true), and files where a file or folder is expected.
_digitpad_cli() {
  local current previous command
  current="${COMP_WORDS[COMP_CWORD]}"
  previous="${COMP_WORDS[COMP_CWORD - 1]}"
  command="${COMP_WORDS[1]}"
  local commands="train eval predict labels info serve upgrade-model help"
  if [ "$COMP_CWORD" -eq 1 ]; then
    mapfile -t COMPREPLY < <(compgen -W "$commands --help --version -V" -- "$current")
    return
  fi
  if [ "$command" = help ]; then
    mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$current")
    return
  fi
  case "$previous" in
    --arch) mapfile -t COMPREPLY < <(compgen -W "quick cnn mlp" -- "$current"); return ;;
    --optimizer) mapfile -t COMPREPLY < <(compgen -W "adam sgd" -- "$current"); return ;;
    --source) mapfile -t COMPREPLY < <(compgen -W "mnist-test validation mnist-train folder personal" -- "$current"); return ;;
    --data | --folder | --personal | --report) mapfile -t COMPREPLY < <(compgen -d -- "$current"); return ;;
    --model | --from | --out | --images | --labels) mapfile -t COMPREPLY < <(compgen -f -- "$current"); return ;;
  esac
  if [[ "$current" == -* ]]; then
    local options
    options="$("${COMP_WORDS[0]}" "$command" --help 2>/dev/null | grep -oE -- '--[a-z][a-z-]*' | sort -u)"
    mapfile -t COMPREPLY < <(compgen -W "$options" -- "$current")
    return
  fi
  mapfile -t COMPREPLY < <(compgen -f -- "$current")
}
complete -o filenames -F _digitpad_cli digitpad-cli
