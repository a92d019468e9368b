package io.jpod.image.copy;

/** What a copy wrote: the manifest as stored at the destination and the config digest (the image id). */
public record CopyResult(byte[] manifest, String manifestDigest, String configDigest) {}
