package io.jpod.image.registry;

import io.jpod.common.JpodException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns what a user typed for a pull into the fully qualified references to try, as containers/image's
 * short-name resolution does: a qualified name is itself; a short name uses its alias if one exists,
 * otherwise one candidate per unqualified-search registry. Registry rewrites and mirrors are applied
 * later, per candidate, by {@link RegistriesConf#pullSources}.
 */
public final class ShortNameResolver {
  private final RegistriesConf conf;

  public ShortNameResolver(RegistriesConf conf) {
    this.conf = conf;
  }

  /**
   * The outcome: candidates to try in order, the line podman prints before trying them ("" for none),
   * whether the user must pick one (a TTY and several candidates), and whether a successful pull
   * should be recorded as an alias (only after such a pick).
   */
  public record Resolution(String shortName, List<ImageReference> candidates, String description,
      boolean needsSelection, boolean recordAlias) {
    public Resolution {
      candidates = List.copyOf(candidates);
    }

    /** The resolution after the user picked {@code index} at the prompt; it records the alias once pulled. */
    public Resolution select(int index) {
      return new Resolution(shortName, List.of(candidates.get(index)), "", false, true);
    }
  }

  /**
   * Resolves {@code input} for a pull. {@code terminal} says whether stdin and stdout are a TTY (podman
   * only prompts then).
   */
  public Resolution resolve(String input, boolean terminal) {
    ImageReference.Parts parts = ImageReference.split(input);
    if (parts.domain() != null) {
      return new Resolution(null, List.of(ImageReference.parse(input).withDefaultTag()), "", false, false);
    }
    String shortName = parts.path();
    Optional<RegistriesConf.Alias> alias = conf.alias(shortName);
    if (alias.isPresent()) {
      ImageReference a = alias.get().value();
      ImageReference ref = new ImageReference(a.registry(), a.repository(), parts.tag(), parts.digest());
      return new Resolution(shortName, List.of(ref.withDefaultTag()),
          "Resolved \"" + shortName + "\" as an alias (" + alias.get().origin() + ")", false, false);
    }
    List<String> registries = conf.unqualifiedSearchRegistries();
    if (registries.isEmpty()) {
      String origin = conf.unqualifiedSearchRegistriesOrigin();
      if (!origin.isEmpty()) {
        throw JpodException.invalid("short-name \"" + input + "\" did not resolve to an alias and no "
            + "unqualified-search registries are defined in \"" + origin + "\"");
      }
      throw JpodException.invalid("short-name \"" + input + "\" did not resolve to an alias and no "
          + "containers-registries.conf(5) was found");
    }
    List<ImageReference> candidates = new ArrayList<>();
    for (String reg : registries) {
      candidates.add(ImageReference.parse(reg + "/" + stripTransport(input)).withDefaultTag());
    }
    String description = "Resolving \"" + shortName + "\" using unqualified-search registries ("
        + conf.unqualifiedSearchRegistriesOrigin() + ")";
    RegistriesConf.ShortNameMode mode = conf.shortNameMode();
    if (mode == RegistriesConf.ShortNameMode.DISABLED || candidates.size() == 1) {
      return new Resolution(shortName, candidates, description, false, false);
    }
    if (!terminal) {
      if (mode == RegistriesConf.ShortNameMode.ENFORCING) {
        throw JpodException.invalid("short-name resolution enforced but cannot prompt without a TTY");
      }
      return new Resolution(shortName, candidates, description, false, false);
    }
    return new Resolution(shortName, candidates, description, true, false);
  }

  /**
   * Docker-compatible resolution (podman's REST API for docker clients): a short name is on Docker Hub,
   * whatever registries.conf says.
   */
  public Resolution resolveDockerHub(String input) {
    ImageReference ref = ImageReference.parseDockerNormalized(input).withDefaultTag();
    boolean isShort = ImageReference.isShortName(input);
    return new Resolution(isShort ? ImageReference.split(input).path() : null, List.of(ref),
        isShort ? "Resolving \"" + ImageReference.split(input).path() + "\" to docker.io (enforced by caller)" : "",
        false, false);
  }

  /**
   * The names a short name may have in local storage, most preferred first: its alias, then
   * {@code localhost/}, then each search registry (tags default to latest).
   */
  public List<ImageReference> resolveLocally(String input) {
    ImageReference.Parts parts = ImageReference.split(input);
    if (parts.domain() != null) {
      return List.of(ImageReference.parse(input).withDefaultTag());
    }
    List<ImageReference> out = new ArrayList<>();
    conf.alias(parts.path()).ifPresent(a -> out.add(
        new ImageReference(a.value().registry(), a.value().repository(), parts.tag(), parts.digest()).withDefaultTag()));
    out.add(ImageReference.parse("localhost/" + stripTransport(input)).withDefaultTag());
    for (String reg : conf.unqualifiedSearchRegistries()) {
      ImageReference r = ImageReference.parse(reg + "/" + stripTransport(input)).withDefaultTag();
      if (!out.contains(r)) {
        out.add(r);
      }
    }
    return out;
  }

  /** After a successful pull of {@code pulled}: stores the alias if the user picked it at the prompt. */
  public void recordIfSelected(Resolution resolution, ImageReference pulled) throws IOException {
    if (resolution.recordAlias() && resolution.shortName() != null) {
      conf.recordAlias(resolution.shortName(), pulled);
    }
  }

  /**
   * podman's summary when every candidate failed: the one error itself, or
   * {@code N errors occurred while pulling:} followed by one {@code  * error} line per candidate.
   */
  public static String formatPullErrors(List<String> errors) {
    if (errors.size() == 1) {
      return errors.getFirst();
    }
    StringBuilder sb = new StringBuilder(errors.size() + " errors occurred while pulling:");
    for (String e : errors) {
      sb.append("\n * ").append(e);
    }
    return sb.toString();
  }

  private static String stripTransport(String input) {
    if (input.startsWith("docker://")) {
      return input.substring("docker://".length());
    }
    return input.startsWith("//") ? input.substring(2) : input;
  }
}
