#!/bin/sh
# The parts of the official image's entrypoint that compose files rely on: scripts in /docker-entrypoint.d, and
# /etc/nginx/templates/*.template rendered into /etc/nginx/conf.d with envsubst (only variables that are set are
# replaced, so nginx's own $variables survive).
# shellcheck disable=SC1090 # sourcing user-supplied scripts is the point
set -e

log() {
  [ -n "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ] || echo "$0: $*"
}

render_templates() {
  template_dir=${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}
  suffix=${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}
  output_dir=${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}
  filter=${NGINX_ENVSUBST_FILTER:-}
  [ -d "$template_dir" ] || return 0

  # shellcheck disable=SC2016,SC2046 # a literal ${NAME} per variable, split on purpose
  defined_envs=$(printf '${%s} ' $(awk "END { for (name in ENVIRON) { print ( name ~ /${filter}/ ) ? name : \"\" } }" </dev/null))
  find "$template_dir" -follow -type f -name "*$suffix" -print | while read -r template; do
    relative_path=${template#"$template_dir/"}
    output_path="$output_dir/${relative_path%"$suffix"}"
    mkdir -p "$(dirname "$output_path")"
    log "rendering $template to $output_path"
    envsubst "$defined_envs" <"$template" >"$output_path"
  done
}

if [ "$1" = nginx ] || [ "$1" = nginx-debug ]; then
  if [ -d /docker-entrypoint.d ]; then
    for script in /docker-entrypoint.d/*; do
      [ -e "$script" ] || continue
      case "$script" in
        *.envsh) if [ -x "$script" ]; then log "sourcing $script"; . "$script"; fi ;;
        *.sh) if [ -x "$script" ]; then log "running $script"; "$script"; fi ;;
      esac
    done
  fi
  render_templates
  # Debian's package has no nginx-debug binary; the plain one takes the same arguments.
  if [ "$1" = nginx-debug ]; then shift; set -- nginx "$@"; fi
fi

exec "$@"
