package io.jpod.image.transport;

/** A manifest exactly as stored or served (its digest is the sha256 of {@code bytes}) and its media type. */
public record RawManifest(byte[] bytes, String mediaType) {}
