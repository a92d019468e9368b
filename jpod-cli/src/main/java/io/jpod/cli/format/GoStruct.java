package io.jpod.cli.format;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A view standing in for one of podman's Go structs in templates: a field the struct does not have is
 * the error podman prints ({@code can't evaluate field Bogus in type images.imageReporter}), not
 * {@code <no value>} as a map key would be.
 *
 * @param type the Go type's name as podman's messages give it
 * @param value the view (a map of field names, or a record)
 * @param optional fields the struct has that the view may leave out (JSON's omitempty), with the zero
 *     value a template sees when they are missing; when it is ordered (a LinkedHashMap) it lists every
 *     field in the struct's order, and {@code {{.}}} prints the values as Go's %v does
 */
public record GoStruct(String type, Object value, Map<String, Object> optional) {
  public GoStruct {
    optional = optional == null ? Map.of() : optional;
  }

  /** A struct whose fields are exactly {@code zeros}' keys, in that order, with those zero values. */
  public static GoStruct of(String type, Map<String, ?> value, LinkedHashMap<String, Object> zeros) {
    return new GoStruct(type, value, Collections.unmodifiableSequencedMap(zeros));
  }
}
