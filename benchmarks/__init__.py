"""Build benchmarks (`make bench`): figures about build cost, not a pass/fail test."""
