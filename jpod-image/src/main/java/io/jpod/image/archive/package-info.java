/**
 * docker-archive, OCI layouts and oci-archive as image sources and destinations.
 *
 * <p>Reading: {@link io.jpod.image.archive.ArchiveFile} turns a file or a stream into an indexed,
 * uncompressed tar (spooling to a temp file only for streams and compressed files), and
 * {@link io.jpod.image.archive.DockerArchiveReader} / {@link io.jpod.image.archive.OciLayoutReader}
 * hand out one {@link io.jpod.image.transport.ImageSource} per image, reading blobs straight out of the
 * tar and checking every digest. Writing: {@link io.jpod.image.archive.DockerArchiveWriter},
 * {@link io.jpod.image.archive.OciLayoutWriter} and {@link io.jpod.image.archive.OciArchiveWriter} hand
 * out one {@link io.jpod.image.transport.ImageDestination} per image; their output is byte for byte
 * what podman 4 / skopeo 1.9 write for the same image (docker-archive) or entry for entry (OCI).
 */
package io.jpod.image.archive;
