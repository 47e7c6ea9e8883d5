# Sourced by build_interpreter.sh and bullseye_test.sh: the Debian mirror this host's apt uses.
# host_repo SUITE: the repository URI (no trailing slash) apt has for SUITE, or nothing.
host_repo() {
    local uri
    uri="$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' 2>/dev/null | awk -v s="$1" '$2 == s {print $1; exit}' || true)"
    echo "${uri%/}"
}
