"""Criterion, document-type and passage classifiers."""
