/** {@code jpod secret}: create, ls, inspect and rm, with podman 4.3.1's flags, output and errors. */
package io.jpod.cli.secret;
