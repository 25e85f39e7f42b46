#compdef digitpad-cli
# zsh completion for digitpad-cli: commands, then each command's options (read from its own
# --help, so they stay true), and files where a file or folder is expected.

_digitpad-cli() {
  local -a commands options
  commands=(
    'train:train a model (quick, cnn or mlp)'
    'eval:accuracy, loss, confusion matrix and per-class metrics'
    'predict:read digits from image files'
    'labels:find digits whose label is probably wrong'
    'info:print a model file'\''s metadata'
    'serve:HTTP prediction API'
    'upgrade-model:rewrite an old model file in the current format'
    'help:a command'\''s options'
  )
  if (( CURRENT == 2 )); then
    if [[ $PREFIX == -* ]]; then
      compadd -- --help --version -V
    else
      _describe -t commands 'digitpad-cli command' commands
    fi
    return
  fi
  local command=${words[2]}
  if [[ $command == help ]]; then
    _describe -t commands 'digitpad-cli command' commands
    return
  fi
  case ${words[CURRENT-1]} in
    --arch) compadd -- quick cnn mlp; return ;;
    --optimizer) compadd -- adam sgd; return ;;
    --source) compadd -- mnist-test validation mnist-train folder personal; return ;;
    --data|--folder|--personal|--report) _files -/; return ;;
    --model|--from|--out|--images|--labels) _files; return ;;
  esac
  if [[ $PREFIX == -* ]]; then
    options=(${(f)"$(${words[1]} $command --help 2>/dev/null | grep -oE -- '--[a-z][a-z-]*' | sort -u)"})
    compadd -a options
    return
  fi
  _files
}

_digitpad-cli "$@"
