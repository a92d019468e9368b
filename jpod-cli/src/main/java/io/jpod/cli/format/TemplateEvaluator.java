package io.jpod.cli.format;

import io.jpod.cli.format.TemplateNode.Cmd;
import io.jpod.cli.format.TemplateNode.Operand;
import io.jpod.cli.format.TemplateNode.Pipe;
import io.jpod.cli.format.TemplateNode.Seq;
import io.jpod.common.JpodException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Executes a parsed template against data, following Go's text/template semantics. */
final class TemplateEvaluator {
  private static final class BreakSignal extends RuntimeException {
    BreakSignal() {
      super(null, null, false, false);
    }
  }

  private static final class ContinueSignal extends RuntimeException {
    ContinueSignal() {
      super(null, null, false, false);
    }
  }

  private record Variable(String name, Object value) {}

  private final String name;
  private final String src;
  private final int columnShift;
  private final Map<String, String> headerOverrides;
  private final List<Variable> vars = new ArrayList<>();
  private final StringBuilder out = new StringBuilder();

  private TemplateEvaluator(String name, String src, int columnShift, Map<String, String> headerOverrides) {
    this.name = name;
    this.src = src;
    this.columnShift = columnShift;
    this.headerOverrides = headerOverrides;
  }

  static String execute(String name, String src, int columnShift, Seq root, Object data) {
    Map<String, String> overrides = data instanceof HeaderValue.Root r ? r.overrides() : Map.of();
    TemplateEvaluator e = new TemplateEvaluator(name, src, columnShift, overrides);
    e.vars.add(new Variable("$", data));
    e.walk(root, data);
    return e.out.toString();
  }

  private JpodException error(int pos, String context, String message) {
    return TemplateError.exec(name, src, pos, columnShift, context, message);
  }

  private void walk(Seq seq, Object dot) {
    for (TemplateNode n : seq.nodes()) {
      walk(n, dot);
    }
  }

  private void walk(TemplateNode node, Object dot) {
    switch (node) {
      case TemplateNode.Seq s -> walk(s, dot);
      case TemplateNode.Text t -> out.append(t.text());
      case TemplateNode.Action a -> {
        Object v = pipeline(a.pipe(), dot, true);
        if (a.pipe().vars().isEmpty()) {
          out.append(GoValues.print(v));
        }
      }
      case TemplateNode.If i -> {
        int mark = vars.size();
        Object v = pipeline(i.pipe(), dot, true);
        runBranch(GoValues.truth(v) ? i.then() : i.otherwise(), dot);
        truncate(mark);
      }
      case TemplateNode.With w -> {
        int mark = vars.size();
        Object v = pipeline(w.pipe(), dot, true);
        if (GoValues.truth(v)) {
          runBranch(w.body(), v);
        } else {
          runBranch(w.otherwise(), dot);
        }
        truncate(mark);
      }
      case TemplateNode.Range r -> range(r, dot);
      case TemplateNode.Break b -> throw new BreakSignal();
      case TemplateNode.Continue c -> throw new ContinueSignal();
    }
  }

  private void runBranch(Seq seq, Object dot) {
    if (seq != null) {
      int mark = vars.size();
      walk(seq, dot);
      truncate(mark);
    }
  }

  private void truncate(int mark) {
    while (vars.size() > mark) {
      vars.removeLast();
    }
  }

  private void range(TemplateNode.Range r, Object dot) {
    int mark = vars.size();
    Object v = GoValues.unwrap(pipeline(r.pipe(), dot, false));
    List<Object[]> items = new ArrayList<>();
    if (v == null || v == GoValues.NO_VALUE) {
      // Go: ranging over nil runs nothing (the else branch).
    } else if (v instanceof Map<?, ?> m) {
      GoValues.sorted(m).forEach((k, val) -> items.add(new Object[] {k, val}));
    } else if (GoValues.isList(v)) {
      List<Object> l = GoValues.asList(v);
      for (int i = 0; i < l.size(); i++) {
        items.add(new Object[] {(long) i, l.get(i)});
      }
    } else if (GoValues.isInteger(v)) {
      for (long i = 0; i < ((Number) v).longValue(); i++) {
        items.add(new Object[] {i, i});
      }
    } else if (v instanceof HeaderValue) {
      items.add(new Object[] {0L, v});
    } else {
      throw error(r.pipe().pos(), "range " + r.pipe().text(), "range can't iterate over " + GoValues.print(v));
    }
    List<String> names = r.pipe().vars();
    for (Object[] item : items) {
      int iterMark = vars.size();
      if (names.size() == 1) {
        vars.add(new Variable(names.getFirst(), item[1]));
      } else if (names.size() == 2) {
        vars.add(new Variable(names.get(0), item[0]));
        vars.add(new Variable(names.get(1), item[1]));
      }
      try {
        walk(r.body(), item[1]);
      } catch (BreakSignal b) {
        truncate(iterMark);
        break;
      } catch (ContinueSignal c) {
        // next iteration
      }
      truncate(iterMark);
    }
    truncate(mark);
    if (items.isEmpty() && r.otherwise() != null) {
      runBranch(r.otherwise(), dot);
    }
  }

  private Object pipeline(Pipe pipe, Object dot, boolean declare) {
    Object value = null;
    boolean first = true;
    for (Cmd cmd : pipe.cmds()) {
      value = command(cmd, dot, first ? List.of() : List.of(new Object[] {value}));
      first = false;
    }
    if (declare) {
      for (String v : pipe.vars()) {
        assign(v, value);
      }
    }
    return value;
  }

  /** Both {@code :=} and {@code =} push a binding; lookups take the innermost, so the effect is the same. */
  private void assign(String var, Object value) {
    vars.add(new Variable(var, value));
  }

  private Object command(Cmd cmd, Object dot, List<Object> piped) {
    Operand head = cmd.args().getFirst();
    if (head instanceof TemplateNode.Ident fn) {
      List<Object> args = new ArrayList<>();
      for (Operand o : cmd.args().subList(1, cmd.args().size())) {
        args.add(operand(o, dot));
      }
      args.addAll(piped);
      try {
        return TemplateFunctions.call(fn.name(), args);
      } catch (IllegalArgumentException e) {
        throw error(fn.pos(), fn.name(), "error calling " + fn.name() + ": " + e.getMessage());
      }
    }
    if (cmd.args().size() > 1 || !piped.isEmpty()) {
      throw error(head.pos(), describe(head), "can't give argument to non-function " + describe(head));
    }
    if (head instanceof TemplateNode.Literal l && l.value() == null) {
      throw error(head.pos(), "nil", "nil is not a command");
    }
    return operand(head, dot);
  }

  private Object operand(Operand o, Object dot) {
    return switch (o) {
      case TemplateNode.Field f -> fields(dot, f.path(), f.pos(), "");
      case TemplateNode.Dot d -> dot;
      case TemplateNode.Literal l -> l.value();
      case TemplateNode.Var v -> fields(lookupVar(v), v.path(), v.pos(), v.name());
      case TemplateNode.Sub s -> fields(pipeline(s.pipe(), dot, true), s.path(), s.pos(), "(" + s.pipe().text() + ")");
      case TemplateNode.Ident i -> command(new Cmd(List.of(i), i.pos()), dot, List.of());
    };
  }

  private Object lookupVar(TemplateNode.Var v) {
    for (int i = vars.size() - 1; i >= 0; i--) {
      if (vars.get(i).name().equals(v.name())) {
        return vars.get(i).value();
      }
    }
    throw error(v.pos(), v.name(), "undefined variable: " + v.name());
  }

  private static String describe(Operand o) {
    return switch (o) {
      case TemplateNode.Field f -> "." + String.join(".", f.path());
      case TemplateNode.Dot d -> ".";
      case TemplateNode.Literal l -> GoValues.print(l.value());
      case TemplateNode.Var v -> v.name() + (v.path().isEmpty() ? "" : "." + String.join(".", v.path()));
      case TemplateNode.Sub s -> "(" + s.pipe().text() + ")";
      case TemplateNode.Ident i -> i.name();
    };
  }

  private Object fields(Object receiver, List<String> path, int pos, String prefix) {
    Object v = receiver;
    StringBuilder ctx = new StringBuilder(prefix);
    for (String field : path) {
      ctx.append('.').append(field);
      v = field(v instanceof GoStruct ? v : GoValues.unwrap(v), field, pos, ctx.toString());
    }
    return v;
  }

  private Object field(Object r, String field, int pos, String ctx) {
    if (r == null || r == GoValues.NO_VALUE) {
      throw error(pos, ctx, "nil pointer evaluating interface {}." + field);
    }
    String typeName = null;
    if (r instanceof GoStruct s) {
      typeName = s.type();
      r = GoValues.unwrap(s.value());
      if (r instanceof Map<?, ?> m) {
        if (m.containsKey(field)) {
          return m.get(field);
        }
        for (var e : m.entrySet()) {
          // podman's inspect takes {{.ID}} for .Id; a network's JSON keys are snake_case
          if (e.getKey() instanceof String k && k.replace("_", "").equalsIgnoreCase(field)) {
            return e.getValue();
          }
        }
        if (s.optional().containsKey(field)) {
          return s.optional().get(field);
        }
        throw error(pos, ctx, "can't evaluate field " + field + " in type " + typeName);
      }
    }
    if (r instanceof HeaderValue.Root) {
      return HeaderValue.top(field, headerOverrides);
    }
    if (r instanceof HeaderValue h) {
      return h.field(field, headerOverrides);
    }
    if (r instanceof Map<?, ?> m) {
      if (m.containsKey(field)) {
        return m.get(field);
      }
      // Views built as maps with JSON key names (info's "host", "graphRoot") stand in for Go structs,
      // whose templates name the field (.Host.GraphRoot): match those ignoring case.
      if (!field.isEmpty() && Character.isUpperCase(field.charAt(0))) {
        for (var e : m.entrySet()) {
          if (e.getKey() instanceof String k && k.equalsIgnoreCase(field)) {
            return e.getValue();
          }
        }
      }
      return GoValues.NO_VALUE;
    }
    if (r instanceof Record rec) {
      for (RecordComponent c : rec.getClass().getRecordComponents()) {
        if (c.getName().equals(field)) {
          return component(rec, c);
        }
      }
      for (RecordComponent c : rec.getClass().getRecordComponents()) {
        if (c.getName().equals(lowerCamel(field)) || c.getName().equals(decapitalize(field))) {
          return component(rec, c);
        }
      }
    } else if (!(r instanceof String || r instanceof Number || r instanceof Boolean || GoValues.isList(r)
        || r.getClass().getName().startsWith("java."))) {
      for (String candidate : List.of(field, lowerCamel(field), decapitalize(field), "get" + field)) {
        Method m = findMethod(r.getClass(), candidate);
        if (m != null) {
          try {
            return m.invoke(r);
          } catch (IllegalAccessException | InvocationTargetException e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            throw error(pos, ctx, "error calling " + field + ": " + cause);
          }
        }
      }
    }
    throw error(pos, ctx, "can't evaluate field " + field + " in type " + (typeName != null ? typeName : GoValues.typeName(r)));
  }

  private static Method findMethod(Class<?> type, String name) {
    for (Method m : type.getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == 0 && m.getReturnType() != void.class
          && !Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() != Object.class) {
        try {
          m.setAccessible(true);
        } catch (RuntimeException ignored) {
          // public method of a public type is callable anyway
        }
        return m;
      }
    }
    return null;
  }

  static Object component(Record r, RecordComponent c) {
    try {
      Method m = c.getAccessor();
      m.setAccessible(true);
      return m.invoke(r);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getName(), e);
    }
  }

  /** {@code ID} → {@code id}, {@code IPAddress} → {@code ipAddress}, {@code CreatedAt} → {@code createdAt}. */
  static String lowerCamel(String s) {
    int k = 0;
    while (k < s.length() && Character.isUpperCase(s.charAt(k))) {
      k++;
    }
    if (k == 0) {
      return s;
    }
    if (k == s.length()) {
      return s.toLowerCase();
    }
    int cut = k == 1 ? 1 : k - 1;
    if (!Character.isLetter(s.charAt(k))) {
      cut = k;
    }
    return s.substring(0, cut).toLowerCase() + s.substring(cut);
  }

  private static String decapitalize(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
