# shellcheck shell=bash
# Container images (docs/deployment.md): ./oktioneer images.
# Sourced by ./oktioneer (which sets ROOT, RUN, PIDS, LOGS, LIB, the ports and the lists of servers and services).

images() { # oktioneer/<service>:${OKTIONEER_IMAGE_TAG:-dev} from deploy/docker/Dockerfile, context = repository root
  local tag=${OKTIONEER_IMAGE_TAG:-dev}
  # the port each service listens on inside its container (the same as docker-compose.yml and deploy/k8s)
  declare -A container_port=([preference-service]=18081 [auction-service]=18082 [decision-engine]=18083
                             [history-consumer]=18084 [gateway]=8080)
  command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1 || die "cannot build the images here: \
no Docker engine answers ('docker info' fails). On a machine with Docker: ./oktioneer images (or docker compose build)"
  for s in "${SERVICES[@]}"; do
    log "building oktioneer/$s:$tag"
    DOCKER_BUILDKIT=1 docker build -f "$ROOT/deploy/docker/Dockerfile" --build-arg "SERVICE=$s" \
      --build-arg "PORT=${container_port[$s]}" -t "oktioneer/$s:$tag" "$ROOT" || die "building the $s image failed"
  done
  log "images built (tag $tag); docker compose up -d uses them"
}
