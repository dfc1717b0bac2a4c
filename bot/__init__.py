"""Chat surfaces and the command line: adapters that translate to and from the tools."""
