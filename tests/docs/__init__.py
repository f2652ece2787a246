"""The documentation site: built strictly, its examples executed, and its pages checked in Chromium."""
