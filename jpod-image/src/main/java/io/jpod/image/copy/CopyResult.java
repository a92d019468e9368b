package io.jpod.image.copy;

import io.jpod.image.transport.RawManifest;

/** What a copy wrote: the manifest as stored at the destination, its digest, and the config (its digest is the image id). */
public record CopyResult(RawManifest manifest, String manifestDigest, byte[] config, String configDigest) {}
