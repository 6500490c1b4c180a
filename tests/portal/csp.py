def parse_csp(header):
    """A Content-Security-Policy header as {directive: [sources]}; directive order varies."""
    policy = {}
    for directive in filter(str.strip, header.split(";")):
        name, *sources = directive.split()
        policy[name] = sources
    return policy
