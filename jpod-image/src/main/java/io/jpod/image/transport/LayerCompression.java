package io.jpod.image.transport;

/** The form a destination wants layers in; {@code KEEP} stores blobs exactly as the source has them. */
public enum LayerCompression { KEEP, UNCOMPRESSED, GZIP }
