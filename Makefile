# Jiayuan 家园 — every set-up and check is one of these targets. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := run

export LEPTOS_SITE_ROOT ?= $(CURDIR)/target/site
# wasm-opt comes from the npm package binaryen; cargo-leptos must find it on PATH.
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CARGO_TERM_COLOR ?= always
# cargo-leptos bakes this into the build; `cargo test` must see the same value or it
# rebuilds the whole Leptos stack.
export LEPTOS_OUTPUT_NAME := jiayuan
SERVER := target/release/server

.PHONY: tools build run test test-faults bench fmt-check clippy unit integration e2e clean

## Install what is missing (toolchain target, cargo-leptos, wasm-bindgen, Chromium, npm deps).
tools:
	@.ci/install-tools

## Release build of the server and the browser bundle.
build: tools
	cargo leptos build --release

## Build, then serve the demo community on SQLite at http://127.0.0.1:3000.
run: build
	$(SERVER) serve --demo

## Every check: formatting, lints, unit and integration tests (SQLite and PostgreSQL),
## end-to-end tests in headless Chromium.
test: tools fmt-check clippy build integration e2e
	@.ci/size-report

fmt-check:
	cargo fmt --all -- --check

clippy:
	cargo clippy --release -p server --all-targets -- -D warnings
	cargo clippy --release -p app --lib --features hydrate --target wasm32-unknown-unknown -- -D warnings

## Unit tests of both crates and the HTTP-level integration suite, on SQLite and
## PostgreSQL (127.0.0.1:5432; set JIAYUAN_REQUIRE_POSTGRES=1 to fail when it is missing).
# One invocation for both crates: one feature set, so the dependencies build once.
integration:
	cargo test --release -p app -p server --features app/ssr

## The long runs: 200 simulated residents for 60 s on SQLite and on PostgreSQL, against the
## release server binary (the kill -9 fault tests run in `integration`).
test-faults:
	cargo test --release -p app -p server --features app/ssr -- --ignored load --test-threads 1 --nocapture

## Benchmarks (not tests: nothing fails on speed): the street of 150,000 residents and
## 1,000,000 help requests on SQLite and PostgreSQL, measured with wrk; writes BENCHMARKS.md.
## Page weight comes first, from Playwright (the release build's first and second loads).
bench: build
	mkdir -p target/bench
	cd end2end && PAGE_WEIGHT_OUT=../target/bench/page-weight.json npx playwright test budget.spec.ts --project hydrated
	cargo bench --profile release -p server --features app/ssr --bench community

## Playwright against the release build (JavaScript-off and hydrated projects).
e2e:
	cd end2end && npx playwright test

clean:
	cargo clean
	rm -rf end2end/node_modules end2end/test-results
