package io.jpod.core.filesystem;

/** A numeric owner given to copied files: a container's user, or the host user copying out. */
record Owner(int uid, int gid) {}
