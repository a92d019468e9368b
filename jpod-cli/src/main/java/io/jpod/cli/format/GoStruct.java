package io.jpod.cli.format;

/**
 * A view standing in for one of podman's Go structs in templates: a field the struct does not have is
 * the error podman prints ({@code can't evaluate field Bogus in type images.imageReporter}), not
 * {@code <no value>} as a map key would be.
 *
 * @param type the Go type's name as podman's messages give it
 * @param value the view (a map of field names, or a record)
 * @param optional fields the struct has that the view may leave out (JSON's omitempty), with the zero
 *     value a template sees when they are missing
 */
public record GoStruct(String type, Object value, java.util.Map<String, Object> optional) {
  public GoStruct {
    optional = optional == null ? java.util.Map.of() : optional;
  }
}
