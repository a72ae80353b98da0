//! A local Pipes.bot server for tests, examples and benchmarks.
