"""qinglian pipeline: discovery, orchestration, store, matching and report writing."""
