package io.jpod.core.image;

import io.jpod.storage.Image;
import io.jpod.storage.ImageConfig;
import io.jpod.storage.LayerRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * libimage's layer tree: which images sit on which layer, and from that which image is the parent of
 * which. Image B is a child of image A when B's top layer is A's top layer or a layer directly on it,
 * B's layers start with all of A's, and B's history is A's plus exactly one entry.
 */
final class LayerTree {
  private final Map<String, String> parentOfLayer = new HashMap<>();
  private final Map<String, List<String>> childLayers = new HashMap<>();
  private final Map<String, List<Image>> imagesOnLayer = new HashMap<>();
  private final List<Image> layerless = new ArrayList<>();
  private final Function<String, ImageConfig> configOf;

  LayerTree(List<Image> images, List<LayerRecord> layers, Function<String, ImageConfig> configOf) {
    this.configOf = configOf;
    for (LayerRecord l : layers) {
      if (l.parent() != null) {
        parentOfLayer.put(l.id(), l.parent());
        childLayers.computeIfAbsent(l.parent(), k -> new ArrayList<>()).add(l.id());
      }
    }
    for (Image img : images) {
      if (img.topLayer() == null) {
        layerless.add(img);
      } else {
        imagesOnLayer.computeIfAbsent(img.topLayer(), k -> new ArrayList<>()).add(img);
      }
    }
  }

  /** The images whose top layer is {@code layerId}, in storage order. */
  List<Image> imagesOn(String layerId) {
    return imagesOnLayer.getOrDefault(layerId, List.of());
  }

  /** The parent image of {@code child}, if any. */
  Optional<Image> parent(Image child) {
    List<Image> candidates = new ArrayList<>();
    if (child.topLayer() == null) {
      candidates.addAll(layerless);
    } else {
      candidates.addAll(imagesOn(child.topLayer()));
      String below = parentOfLayer.get(child.topLayer());
      if (below != null) {
        candidates.addAll(imagesOn(below));
      }
    }
    for (Image p : candidates) {
      if (!p.id().equals(child.id()) && areParentAndChild(p, child)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Whether some image is a child of {@code parent}. */
  boolean hasChildren(Image parent) {
    List<Image> candidates = new ArrayList<>();
    if (parent.topLayer() == null) {
      candidates.addAll(layerless);
    } else {
      for (String l : childLayers.getOrDefault(parent.topLayer(), List.of())) {
        candidates.addAll(imagesOn(l));
      }
      candidates.addAll(imagesOn(parent.topLayer()));
    }
    return candidates.stream().anyMatch(c -> !c.id().equals(parent.id()) && areParentAndChild(parent, c));
  }

  private boolean areParentAndChild(Image parent, Image child) {
    ImageConfig p;
    ImageConfig c;
    try {
      p = configOf.apply(parent.id());
      c = configOf.apply(child.id());
    } catch (RuntimeException e) {
      return false; // removed meanwhile or unreadable: no relation, as libimage treats it
    }
    List<String> pDiffs = p.rootfs() == null || p.rootfs().diffIds() == null ? List.of() : p.rootfs().diffIds();
    List<String> cDiffs = c.rootfs() == null || c.rootfs().diffIds() == null ? List.of() : c.rootfs().diffIds();
    if (pDiffs.size() > cDiffs.size() || !cDiffs.subList(0, pDiffs.size()).equals(pDiffs)) {
      return false;
    }
    List<ImageConfig.History> pHist = p.history() == null ? List.of() : p.history();
    List<ImageConfig.History> cHist = c.history() == null ? List.of() : c.history();
    if (pHist.size() + 1 != cHist.size()) {
      return false;
    }
    for (int i = 0; i < pHist.size(); i++) {
      if (!sameHistory(pHist.get(i), cHist.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameHistory(ImageConfig.History a, ImageConfig.History b) {
    return Objects.equals(a.created(), b.created()) && Objects.equals(nz(a.createdBy()), nz(b.createdBy()))
        && Objects.equals(nz(a.author()), nz(b.author())) && Objects.equals(nz(a.comment()), nz(b.comment()))
        && Boolean.TRUE.equals(a.emptyLayer()) == Boolean.TRUE.equals(b.emptyLayer());
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
