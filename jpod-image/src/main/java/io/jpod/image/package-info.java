/**
 * Moving images in and out of jpod. {@code transport} defines sources and destinations; {@code registry}
 * speaks the registry HTTP API v2, {@code archive} reads and writes docker-archive and OCI layouts,
 * {@code store} is the local store as a source and destination, and {@code copy} moves an image from any
 * source to any destination.
 */
package io.jpod.image;
