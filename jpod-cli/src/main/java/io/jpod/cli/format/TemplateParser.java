package io.jpod.cli.format;

import io.jpod.cli.format.TemplateLexer.Kind;
import io.jpod.cli.format.TemplateLexer.Token;
import io.jpod.cli.format.TemplateNode.Cmd;
import io.jpod.cli.format.TemplateNode.Operand;
import io.jpod.cli.format.TemplateNode.Pipe;
import io.jpod.cli.format.TemplateNode.Seq;
import java.util.ArrayList;
import java.util.List;

/** Recursive-descent parser from lexer tokens to {@link TemplateNode}s. */
final class TemplateParser {
  private record ListResult(Seq seq, String stop, int pos) {}

  private final String name;
  private final String src;
  private final List<Token> toks;
  private int i;
  private int rangeDepth;

  private TemplateParser(String name, String src) {
    this.name = name;
    this.src = src;
    this.toks = TemplateLexer.lex(name, src);
  }

  static Seq parse(String name, String src) {
    TemplateParser p = new TemplateParser(name, src);
    ListResult r = p.parseList();
    if (!r.stop.equals("EOF")) {
      throw p.error(r.pos, "unexpected {{" + (r.stop.startsWith("else") ? "else" : r.stop) + "}}");
    }
    return r.seq;
  }

  private RuntimeException error(int pos, String msg) {
    return TemplateError.parse(name, src, pos, msg);
  }

  private Token peek() {
    return i < toks.size() ? toks.get(i) : null;
  }

  private Token next() {
    Token t = peek();
    if (t == null) {
      throw error(src.length(), "unexpected EOF");
    }
    i++;
    return t;
  }

  private void skipSpace() {
    while (peek() != null && peek().kind() == Kind.SPACE) {
      i++;
    }
  }

  private Token expect(Kind k, String context) {
    skipSpace();
    Token t = next();
    if (t.kind() != k) {
      throw error(t.pos(), "unexpected \"" + t.text() + "\" in " + context);
    }
    return t;
  }

  /** Parses nodes until EOF, {{end}}, {{else}} or {{else if/with}} (left positioned at if/with). */
  private ListResult parseList() {
    List<TemplateNode> nodes = new ArrayList<>();
    while (true) {
      Token t = peek();
      if (t == null) {
        return new ListResult(new Seq(nodes), "EOF", src.length());
      }
      i++;
      if (t.kind() == Kind.TEXT) {
        nodes.add(new TemplateNode.Text(t.text()));
        continue;
      }
      skipSpace();
      Token k = peek();
      if (k != null && k.kind() == Kind.KEYWORD) {
        i++;
        switch (k.text()) {
          case "end" -> {
            expect(Kind.CLOSE, "end");
            return new ListResult(new Seq(nodes), "end", k.pos());
          }
          case "else" -> {
            skipSpace();
            Token n = peek();
            if (n != null && n.kind() == Kind.KEYWORD && (n.text().equals("if") || n.text().equals("with"))) {
              return new ListResult(new Seq(nodes), "else " + n.text(), k.pos());
            }
            expect(Kind.CLOSE, "else");
            return new ListResult(new Seq(nodes), "else", k.pos());
          }
          case "if", "range", "with" -> nodes.add(parseControl(k.text(), k.pos()));
          case "break", "continue" -> {
            if (rangeDepth == 0) {
              throw error(k.pos(), "{{" + k.text() + "}} outside {{range}}");
            }
            expect(Kind.CLOSE, k.text());
            nodes.add(k.text().equals("break") ? new TemplateNode.Break(k.pos()) : new TemplateNode.Continue(k.pos()));
          }
          default -> throw error(k.pos(), "{{" + k.text() + "}} is not supported");
        }
        continue;
      }
      Pipe pipe = parsePipe("command", Kind.CLOSE);
      nodes.add(new TemplateNode.Action(pipe));
    }
  }

  private TemplateNode parseControl(String kind, int pos) {
    Pipe pipe = parsePipe(kind, Kind.CLOSE);
    if (kind.equals("range")) {
      rangeDepth++;
    }
    ListResult body = parseList();
    if (kind.equals("range")) {
      rangeDepth--;
    }
    Seq otherwise = null;
    if (body.stop.equals("EOF")) {
      throw error(src.length(), "unexpected EOF");
    }
    if (body.stop.equals("else")) {
      ListResult e = parseList();
      if (!e.stop.equals("end")) {
        throw error(e.pos, e.stop.equals("EOF") ? "unexpected EOF" : "expected end; found {{else}}");
      }
      otherwise = e.seq;
    } else if (body.stop.startsWith("else ")) {
      if (kind.equals("range")) {
        throw error(body.pos, "unexpected {{" + body.stop + "}} in range");
      }
      Token k = next(); // the if/with keyword; the nested control consumes the shared {{end}}
      otherwise = new Seq(List.of(parseControl(k.text(), k.pos())));
    }
    return switch (kind) {
      case "if" -> new TemplateNode.If(pipe, body.seq, otherwise);
      case "with" -> new TemplateNode.With(pipe, body.seq, otherwise);
      default -> new TemplateNode.Range(pipe, body.seq, otherwise);
    };
  }

  private Pipe parsePipe(String context, Kind end) {
    skipSpace();
    int start = i;
    int pos = peek() == null ? src.length() : peek().pos();
    List<String> vars = parseDecl();
    List<Cmd> cmds = new ArrayList<>();
    while (true) {
      skipSpace();
      Token t = peek();
      if (t == null) {
        throw error(src.length(), "unclosed action");
      }
      if (t.kind() == end) {
        i++;
        break;
      }
      if (!cmds.isEmpty()) {
        if (t.kind() != Kind.PIPE) {
          throw error(t.pos(), "unexpected \"" + t.text() + "\" in " + context);
        }
        i++;
      }
      cmds.add(parseCmd(context, end));
    }
    if (cmds.isEmpty()) {
      throw error(pos, "missing value for " + context);
    }
    int endPos = toks.get(i - 1).pos();
    String text = src.substring(toks.get(start).pos(), Math.max(toks.get(start).pos(), endPos)).strip();
    return new Pipe(vars, cmds, pos, text);
  }

  private List<String> parseDecl() {
    int save = i;
    List<String> vars = new ArrayList<>();
    while (peek() != null && peek().kind() == Kind.VARIABLE) {
      vars.add(next().text());
      skipSpace();
      Token t = peek();
      if (t != null && (t.kind() == Kind.DECLARE || t.kind() == Kind.ASSIGN)) {
        i++;
        return vars;
      }
      if (t != null && t.kind() == Kind.COMMA && vars.size() == 1) {
        i++;
        skipSpace();
        continue;
      }
      break;
    }
    i = save;
    return List.of();
  }

  private Cmd parseCmd(String context, Kind end) {
    skipSpace();
    int pos = peek() == null ? src.length() : peek().pos();
    List<Operand> args = new ArrayList<>();
    while (true) {
      Token t = peek();
      if (t == null) {
        throw error(src.length(), "unclosed action");
      }
      if (t.kind() == Kind.SPACE) {
        i++;
        continue;
      }
      if (t.kind() == end || t.kind() == Kind.PIPE || t.kind() == Kind.CLOSE || t.kind() == Kind.RPAREN) {
        break;
      }
      args.add(parseOperand(context));
      Token after = peek();
      if (after != null && after.kind() != Kind.SPACE && after.kind() != Kind.PIPE
          && after.kind() != Kind.CLOSE && after.kind() != Kind.RPAREN) {
        throw error(after.pos(), "unexpected \"" + after.text() + "\" in operand");
      }
    }
    if (args.isEmpty()) {
      throw error(pos, "missing value for " + context);
    }
    return new Cmd(args, pos);
  }

  private Operand parseOperand(String context) {
    Token t = next();
    return switch (t.kind()) {
      case FIELD -> new TemplateNode.Field(fields(List.of(t.text().substring(1))), t.pos());
      case DOT -> new TemplateNode.Dot(t.pos());
      case VARIABLE -> new TemplateNode.Var(t.text(), fields(List.of()), t.pos());
      case STRING, NUMBER, BOOL -> new TemplateNode.Literal(t.value(), t.pos());
      case NIL -> new TemplateNode.Literal(null, t.pos());
      case IDENT -> {
        if (!TemplateFunctions.exists(t.text())) {
          throw error(t.pos(), "function \"" + t.text() + "\" not defined");
        }
        yield new TemplateNode.Ident(t.text(), t.pos());
      }
      case LPAREN -> {
        Pipe pipe = parsePipe("parenthesized pipeline", Kind.RPAREN);
        yield new TemplateNode.Sub(pipe, fields(List.of()), t.pos());
      }
      default -> throw error(t.pos(), "unexpected \"" + t.text() + "\" in " + context);
    };
  }

  /** Collects field tokens directly following an operand ({@code $x.A.B}, {@code (..).A}). */
  private List<String> fields(List<String> first) {
    List<String> path = new ArrayList<>(first);
    while (peek() != null && peek().kind() == Kind.FIELD) {
      path.add(next().text().substring(1));
    }
    return List.copyOf(path);
  }
}
