package io.jpod.api.libpod;

import io.jpod.api.http.Exchange;
import io.jpod.api.http.Route;
import io.jpod.common.JpodException;
import java.util.List;

/**
 * Runs a Docker-compatible endpoint for a libpod path where both APIs behave alike (start, attach,
 * exec): the libpod route has the same path parameters, so the compat handler reads them unchanged
 * and shares its state (pending attaches, exec sessions) with the Docker side.
 */
final class CompatDelegate {
  private final List<Route> compat;

  CompatDelegate(List<Route> compat) {
    this.compat = List.copyOf(compat);
  }

  /** A libpod route {@code method /libpod<template>} served by the compat route for {@code template}. */
  Route route(String method, String template) {
    String sample = template.replaceAll("\\{\\w+\\*?}", "x");
    Route target = compat.stream().filter(r -> r.method().equals(method) && r.match(sample) != null).findFirst()
        .orElseThrow(() -> new IllegalStateException("no compat route " + method + " " + template));
    return Route.of(method, "/libpod" + template, ex -> handle(target, ex));
  }

  private static void handle(Route target, Exchange ex) throws Exception {
    try {
      target.handler().handle(ex);
    } catch (JpodException e) {
      throw Errors.libpod(e);
    }
  }
}
