"""Scale benchmarks of the work-order loop (not run in CI): see bench/README.md."""
