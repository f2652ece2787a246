"""What writes files: the generated client and its sync twins, api.md, the Layout, the docs' pages and charts."""
