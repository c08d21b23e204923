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
COGNITO_LOCAL := services/testing/cognito-local
DEVSTACK_CP = $$(cat services/devstack/target/runtime-classpath.txt):services/devstack/target/classes

.PHONY: help deps build run test test-java test-terraform clean deploy

help: ## List the commands
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

deps: $(COGNITO_LOCAL)/node_modules/.installed ## Install the pinned npm tools (cognito-local)

$(COGNITO_LOCAL)/node_modules/.installed: $(COGNITO_LOCAL)/package-lock.json
	cd $(COGNITO_LOCAL) && npm ci --no-audit --no-fund
	touch $@

build: deps ## Compile and package every module (no tests)
	$(MVN) -q install -DskipTests

run: build ## Run the whole product on http://localhost:8080 (data in .data/, Ctrl-C stops it)
	java -cp "$(DEVSTACK_CP)" dev.cloudgallery.devstack.DevStack

test: test-java test-terraform ## Run every test

test-java: deps
	$(MVN) install

test-terraform:
	bash terraform/tests/run.sh

deploy: ## Build, push and deploy one service: make deploy SERVICE=user-service ENV=dev
	@test -n "$(SERVICE)" -a -n "$(ENV)" || { echo "usage: make deploy SERVICE=<name>-service ENV=<dev|prod>"; exit 2; }
	bash terraform/scripts/deploy.sh $(SERVICE) $(ENV)

clean: ## Remove build output (keeps .data/)
	$(MVN) -q clean
