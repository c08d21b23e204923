# Cloud Gallery developer commands. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Maven and the services need JDK 21 or newer. Use JAVA_HOME when it is one; otherwise the default java when it is
# new enough; otherwise the newest JDK 21+ installed under /usr/lib/jvm.
JAVA_HOME := $(shell scripts/find-jdk.sh)
ifeq ($(JAVA_HOME),)
$(error No JDK 21 or newer found. Install one (e.g. Temurin 21+) and set JAVA_HOME)
endif
export JAVA_HOME
export PATH := $(JAVA_HOME)/bin:$(PATH)

MVN := mvn -B -ntp
COGNITO_LOCAL := services/local-aws/cognito-local
DEVSTACK_CP = $$(cat services/devstack/target/runtime-classpath.txt):services/devstack/target/classes

SERVICES := user-service image-service gallery-service
VERSION := $(shell sed -n 's:^    <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
REVISION := $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
# Images build on the production base by default. A machine without registry access builds a local equivalent
# (make local-images), and then the images build on it; IMAGE_BASE=... chooses any other.
LOCAL_BASE := services/containers/base/target/jre-base.tar
IMAGE_BASE ?= $(if $(wildcard $(LOCAL_BASE)),tar://$(CURDIR)/$(LOCAL_BASE))
IMAGE_FLAGS = -Pimages -Dimage.revision=$(REVISION) $(if $(IMAGE_BASE),-Dimage.base=$(IMAGE_BASE))
COMPOSE := docker compose -p cloud-gallery
NEED_DOCKER = @docker info >/dev/null 2>&1 || { echo "No Docker engine answers. Start Docker, or on Debian run" \
	"services/containers/docker-engine.sh as root (it installs and starts one)." >&2; exit 1; }

.PHONY: help deps build run test test-java test-terraform test-frontend bench clean deploy deploy-frontend image-tars images \
	local-images up down

help: ## List the commands
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

deps: $(COGNITO_LOCAL)/node_modules/.installed frontend/node_modules/.installed ## Install the pinned npm packages (cognito-local, the browser tests' driver)

$(COGNITO_LOCAL)/node_modules/.installed: $(COGNITO_LOCAL)/package-lock.json
	cd $(COGNITO_LOCAL) && npm ci --no-audit --no-fund
	touch $@

frontend/node_modules/.installed: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

build: deps ## Compile and package every module (no tests)
	$(MVN) -q install -DskipTests

run: build ## Run the whole product on http://localhost:8080 (data in .data/, Ctrl-C stops it)
	java -cp "$(DEVSTACK_CP)" dev.cloudgallery.devstack.DevStack

test: test-java test-terraform test-frontend ## Run every test

# Includes the container tests, so it needs Docker: they build the service images and run them.
test-java: deps
	$(NEED_DOCKER)
	$(MVN) install $(IMAGE_FLAGS)
	@cat services/container-tests/target/cold-starts.txt

test-terraform:
	bash terraform/tests/run.sh

# The browser tests drive Debian's Chromium (CHROMIUM=/usr/bin/chromium) against the stack `make run` starts; they
# need the modules built, which test-java does. Screenshots and the stack's log land in frontend/test-results/.
test-frontend: deps
	@test -x "$${CHROMIUM:-/usr/bin/chromium}" || { echo "No Chromium at $${CHROMIUM:-/usr/bin/chromium}:" \
	  "apt-get install chromium (Debian's package), or set CHROMIUM" >&2; exit 1; }
	@test -f services/devstack/target/runtime-classpath.txt || $(MVN) -q install -DskipTests
	cd frontend && npm test

deploy: ## Build, push and deploy one service: make deploy SERVICE=user-service ENV=dev
	@test -n "$(SERVICE)" -a -n "$(ENV)" || { echo "usage: make deploy SERVICE=<name>-service ENV=<dev|prod>"; exit 2; }
	bash terraform/scripts/deploy.sh $(SERVICE) $(ENV)

deploy-frontend: ## Upload the frontend to an environment and invalidate CloudFront: make deploy-frontend ENV=dev
	bash terraform/scripts/deploy-frontend.sh $(ENV)

# The services' image tarballs (target/jib-image.tar), with their class-data archives; not a command of its own.
image-tars:
	$(NEED_DOCKER)
	$(MVN) -q install -DskipTests $(IMAGE_FLAGS) -pl $$(echo $(SERVICES) | tr ' ' ',') -am

bench: deps image-tars ## Measure cold starts against Quarkus and Spring, load, image processing, the feed at a million cards
	bash scripts/bench-tools.sh
	@# A fresh report: every figure in it comes from this run.
	rm -rf target/bench
	@# The functions the cold starts are compared with, built from Maven Central when new or changed (bench/peers).
	@for peer in floor quarkus spring; do dir=bench/peers/$$peer; \
	  if [ ! -f $$dir/target/function/handler ] || [ -n "$$(find $$dir/pom.xml $$dir/src -newer $$dir/target/function/handler)" ]; then \
	    echo "building $$dir"; $(MVN) -q -f $$dir/pom.xml package -DskipTests || exit 1; \
	  fi; done
	$(MVN) -q test $(IMAGE_FLAGS) -Dtests.quiet=false -Dtest='*Benchmark' -Dsurefire.failIfNoSpecifiedTests=false \
	  -pl user-service,image-service,gallery-service,services/container-tests

images: image-tars ## Build the service images into Docker: cloud-gallery/<service>:<version> and :latest
	@for service in $(SERVICES); do \
	  docker load -q -i $$service/target/jib-image.tar && \
	  docker tag cloud-gallery/$$service:$(VERSION) cloud-gallery/$$service:latest && \
	  docker image prune -f --filter label=org.opencontainers.image.title=$$service >/dev/null; \
	done

local-images: ## Build the offline JRE base and local stand-ins for the third-party images (no registry needed)
	$(NEED_DOCKER)
	bash services/containers/build-local-images.sh

up: images ## Start the compose stack on http://localhost:8080 with the current code (data kept in Docker volumes)
	$(COMPOSE) up -d
	@echo "Cloud Gallery runs on http://localhost:$${GATEWAY_PORT:-8080}; 'make down' stops it."

down: ## Stop the compose stack, keeping its data (docker compose -p cloud-gallery down -v deletes it)
	$(NEED_DOCKER)
	$(COMPOSE) down

clean: ## Remove build output (keeps .data/)
	$(MVN) -q clean
