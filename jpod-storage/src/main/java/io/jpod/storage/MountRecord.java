package io.jpod.storage;

/** One entry of {@code <runroot>/<driver>-layers/mountpoints.json}: a layer's mount and its users. */
public record MountRecord(String id, String path, int count) {}
