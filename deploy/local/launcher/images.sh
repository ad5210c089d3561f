# shellcheck shell=bash
# Container images (docs/deployment.md): ./oktioneer images.
# Sourced by ./oktioneer (which sets ROOT, RUN, PIDS, LOGS, LIB, the ports and the lists of servers and services).

images() { # oktioneer/<service>:${OKTIONEER_IMAGE_TAG:-dev} from deploy/docker/Dockerfile, context = repository root
  local tag=${OKTIONEER_IMAGE_TAG:-dev}
  command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1 || die "cannot build the images here: \
no Docker engine answers ('docker info' fails). On a machine with Docker: ./oktioneer images (or docker compose build)"
  local s port
  for s in "${SERVICES[@]}"; do
    # the port it listens on inside its container: its own, the gateway its default 8080 (not OKTIONEER_GATEWAY_PORT)
    port=${SERVICE_PORT[$s]}
    if [ "$s" = gateway ]; then port=8080; fi
    log "building oktioneer/$s:$tag"
    DOCKER_BUILDKIT=1 docker build -f "$ROOT/deploy/docker/Dockerfile" --build-arg "SERVICE=$s" \
      --build-arg "PORT=$port" -t "oktioneer/$s:$tag" "$ROOT" || die "building the $s image failed"
  done
  log "images built (tag $tag); docker compose up -d uses them"
}
